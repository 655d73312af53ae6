import { DomainError } from '@ssb/domain/errors';
import { TRPCError } from '@trpc/server';
import { t } from './trpc.ts';

/**
 * Services throw `DomainError`; tRPC would call anything but its own error an internal one. This
 * middleware, first in every builder, gives the refusal its code, keeping the error as `cause` so the
 * formatter passes its `issues` and `conflict` on to the page.
 */
export const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});
