import type { Role } from '@ssb/domain/roles';
import { TRPCError } from '@trpc/server';
import { t } from './trpc.ts';

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.meta({ access: { kind: 'public' } });

/** Any signed-in user, whatever their role. */
export const authedProcedure = t.procedure.meta({ access: { kind: 'authenticated' } }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Signed-in users holding one of the roles. The handler receives the organizations in which the
 * user holds them, so row-level checks start from there and never from client input.
 */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return t.procedure.meta({ access: { kind: 'roles', roles } }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
    const grants = ctx.user.memberships.filter((m) => roles.includes(m.role));
    if (grants.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: '您没有执行此操作的权限' });
    return next({ ctx: { ...ctx, user: ctx.user, grants } });
  });
}

export const officeProcedure = roleProcedure('office', 'sysadmin');
export const sysadminProcedure = roleProcedure('sysadmin');

export const applicantProcedure = roleProcedure('applicant');
export const recommenderProcedure = roleProcedure('recommender');
/** Anyone who takes part in an application's path; the service decides which applications each may see. */
export const applicationReaderProcedure = roleProcedure('applicant', 'recommender', 'office', 'sysadmin');
