import type { AppRouter } from '@ssb/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { csrfHeaders } from './csrf.ts';


/** The one typed client: cookies ride along, and every call carries the CSRF token the server set. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The server refuses a batch of more calls (apps/server/src/json-limits.ts).
      maxItems: 10,
      headers: csrfHeaders,
      fetch: (url, init) => fetch(url, { ...(init as RequestInit), credentials: 'same-origin' }),
    }),
  ],
});

export type FieldErrors = Record<string, string[] | undefined>;

/** The message to show a person for any failed call, and the per-field messages when the input was refused. */
export type Issue = { path: string; message: string };

export type DescribedError = {
  message: string;
  fieldErrors: FieldErrors | null;
  /** Every refused input with its full path, e.g. `organization.uscc`. */
  issues: Issue[];
  code: string | null;
  /** Present when a save met a newer version (drafts): what the server holds now. */
  conflict: unknown;
};

export function describeError(error: unknown): DescribedError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; fieldErrors?: FieldErrors | null; issues?: Issue[] | null; conflict?: unknown } | undefined;
    return { message: error.message, fieldErrors: data?.fieldErrors ?? null, issues: data?.issues ?? [], code: data?.code ?? null, conflict: data?.conflict ?? null };
  }
  const none = { fieldErrors: null, issues: [], conflict: null };
  if (error instanceof TypeError) return { message: '网络连接失败，请检查网络后重试', code: 'NETWORK', ...none };
  return { message: '操作失败，请稍后重试', code: null, ...none };
}

export const isUnauthorized = (error: unknown) =>
  error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED';

/** The server's answer will not change on a retry: the thing does not exist, or the request itself was refused. */
const FINAL_CODES = new Set(['NOT_FOUND', 'BAD_REQUEST', 'FORBIDDEN', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
export const isFinalError = (error: unknown) =>
  error instanceof TRPCClientError && FINAL_CODES.has((error.data as { code?: string } | undefined)?.code ?? '');

/** Nothing to show at this address: unknown, or an id that cannot name anything. */
export const isNotFound = (error: unknown) =>
  error instanceof TRPCClientError && ['NOT_FOUND', 'BAD_REQUEST'].includes((error.data as { code?: string } | undefined)?.code ?? '');
