import type { AppRouter } from '@ssb/api';
import { GENERAL_MESSAGES } from '@ssb/domain/auth-messages';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { csrfHeaders } from './csrf.ts';
import { translateServerMessage } from './server-messages.ts';

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
  /** The message's key in `@ssb/domain/messages`, when the server knows one, for pages to translate. */
  messageKey: string | null;
  /** Present when a save met a newer version (drafts): what the server holds now. */
  conflict: unknown;
};

export function describeError(error: unknown): DescribedError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; messageKey?: string | null; fieldErrors?: FieldErrors | null; issues?: Issue[] | null; conflict?: unknown } | undefined;
    // Messages come in the interface language where the catalogue knows them (Chinese otherwise).
    const fieldErrors = data?.fieldErrors
      ? Object.fromEntries(Object.entries(data.fieldErrors).map(([field, messages]) => [field, messages?.map((m) => translateServerMessage(m))]))
      : null;
    return {
      message: translateServerMessage(error.message, data?.messageKey),
      fieldErrors,
      issues: (data?.issues ?? []).map((issue) => ({ ...issue, message: translateServerMessage(issue.message) })),
      code: data?.code ?? null,
      messageKey: data?.messageKey ?? null,
      conflict: data?.conflict ?? null,
    };
  }
  const none = { fieldErrors: null, issues: [], conflict: null };
  if (error instanceof TypeError) return { message: translateServerMessage(GENERAL_MESSAGES.network, 'network'), code: 'NETWORK', messageKey: 'network', ...none };
  return { message: translateServerMessage(GENERAL_MESSAGES.failed, 'failed'), code: null, messageKey: 'failed', ...none };
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
