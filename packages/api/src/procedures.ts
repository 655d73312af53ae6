import { schema } from '@ssb/db';
import { OFFICE_ROLES, type Role } from '@ssb/domain/roles';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z, ZodRealError } from 'zod';
import { domainErrors } from './domain-errors.ts';
import { t } from './trpc.ts';
import { findUnreadableText, UNREADABLE_TEXT_MESSAGE } from './unreadable-text.ts';

/**
 * Refuses, before any schema sees it, an input holding a string PostgreSQL cannot store (a NUL byte,
 * a lone surrogate): otherwise the insert fails with a 500. The path comes back as a field error.
 */
const readableText = t.middleware(async ({ getRawInput, next }) => {
  const path = findUnreadableText(await getRawInput());
  if (path) {
    const cause = new ZodRealError([{ code: 'custom', path, message: UNREADABLE_TEXT_MESSAGE, input: undefined }]);
    throw new TRPCError({ code: 'BAD_REQUEST', message: UNREADABLE_TEXT_MESSAGE, cause });
  }
  return next();
});

/** Every builder starts here, so a service's DomainError reaches the client with its own code. */
const procedure = t.procedure.use(domainErrors);

/** Anyone, signed in or not. */
export const publicProcedure = procedure.meta({ access: { kind: 'public' } }).use(readableText);

/** Any signed-in user, whatever their role. */
export const authedProcedure = procedure
  .meta({ access: { kind: 'authenticated' } })
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(readableText);

/**
 * Signed-in users holding one of the roles. The handler receives the organizations in which the
 * user holds them, so row-level checks start from there and never from client input.
 */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return procedure
    .meta({ access: { kind: 'roles', roles } })
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
      const grants = ctx.user.memberships.filter((m) => roles.includes(m.role));
      if (grants.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: '您没有执行此操作的权限' });
      return next({ ctx: { ...ctx, user: ctx.user, grants } });
    })
    .use(readableText);
}

export const officeProcedure = roleProcedure(...OFFICE_ROLES);
export const sysadminProcedure = roleProcedure('sysadmin');

export const applicantProcedure = roleProcedure('applicant');
export const baseManagerProcedure = roleProcedure('base_manager');
export const recommenderProcedure = roleProcedure('recommender');
/**
 * An alliance's coordinator acting on that alliance: the `alliance_coordinator` role, then the row rule
 * `alliances.coordinator_user_id = the caller` for the `allianceId` in the input.
 */
export const allianceCoordinatorProcedure = roleProcedure('alliance_coordinator')
  .input(z.object({ allianceId: z.uuid({ error: '联盟编号格式不正确' }) }))
  .use(async ({ ctx, input, next }) => {
    const [row] = await ctx.db
      .select({ id: schema.alliances.id })
      .from(schema.alliances)
      .where(and(eq(schema.alliances.id, input.allianceId), eq(schema.alliances.coordinatorUserId, ctx.user.id)));
    if (!row) throw new TRPCError({ code: 'FORBIDDEN', message: '您不是该联盟的协调人' });
    return next();
  });
/** Anyone who takes part in an application's path; the service decides which applications each may see. */
export const applicationReaderProcedure = roleProcedure('applicant', 'recommender', ...OFFICE_ROLES);

/** The viewer a service acts for: the user and the grants that satisfied the procedure's rule. */
export type Viewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
export const viewerOf = (ctx: { user: { id: string }; grants: Viewer['grants'] }): Viewer => ({ userId: ctx.user.id, grants: ctx.grants });
