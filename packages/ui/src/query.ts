import { QueryClient, VueQueryPlugin } from '@tanstack/vue-query';
import type { App } from 'vue';
import { isUnauthorized } from './trpc.ts';

export function installQuery(app: App) {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !isUnauthorized(error) && count < 2,
      },
    },
  });
  app.use(VueQueryPlugin, { queryClient });
  return queryClient;
}
