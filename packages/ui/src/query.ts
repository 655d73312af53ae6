import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query';
import type { App } from 'vue';
import { isFinalError } from './trpc.ts';

export function installQuery(app: App) {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        // Only failures a retry could cure (network, server) are retried; a 404 is an answer.
        retry: (count, error) => !isFinalError(error) && count < 2,
      },
    },
  });
  app.use(VueQueryPlugin, { queryClient });
  return queryClient;
}
