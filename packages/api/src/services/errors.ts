import { TRPCError } from '@trpc/server';

/** A failure the user can act on, with the message they will read. Services throw it; tRPC passes it through. */
export const userError = (code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'TOO_MANY_REQUESTS', message: string) =>
  new TRPCError({ code, message });
