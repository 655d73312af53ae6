import {
  ZAcceptInvitationInput,
  ZLoginInput,
  ZRegisterInput,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
} from '@ssb/domain/accounts';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { authedProcedure, publicProcedure } from '../procedures.ts';
import { acceptInvitation } from '../services/admin/invitations.ts';
import { appendAudit } from '../services/audit/append.ts';
import { login, LOGIN_FAILURE_MESSAGES } from '../services/auth/login.ts';
import { requestPasswordReset, resetPassword } from '../services/auth/password-reset.ts';
import { registerOrganization } from '../services/auth/register.ts';
import { createSession, deleteSession, loadSessionUser } from '../services/auth/sessions.ts';

export const authRouter = {
  /** The signed-in user, or null: lets each app decide what to show without an error. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const result = await login(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent });
    if (!result.ok) {
      throw new TRPCError({
        code: result.reason === 'rate_limited' || result.reason === 'locked' ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED',
        message: LOGIN_FAILURE_MESSAGES[result.reason],
      });
    }
    ctx.cookies.set(result.token, result.expiresAt);
    return loadSessionUser(ctx.db, result.userId);
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
    ctx.cookies.clear();
    return { ok: true };
  }),

  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    const { userId } = await registerOrganization(ctx.db, input);
    const session = await createSession(ctx.db, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.cookies.set(session.token, session.expiresAt);
    return loadSessionUser(ctx.db, userId);
  }),

  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx, input.email, ctx.ip);
    return { ok: true };
  }),

  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.db, input.token, input.password);
    return { ok: true };
  }),

  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const { userId } = await acceptInvitation(ctx.db, input);
    const session = await createSession(ctx.db, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.cookies.set(session.token, session.expiresAt);
    await appendAudit(ctx.db, { actorUserId: userId, action: 'auth.login', entityType: 'user', entityId: userId });
    return loadSessionUser(ctx.db, userId);
  }),
} satisfies TRPCRouterRecord;
