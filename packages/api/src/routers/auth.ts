import {
  ZAcceptInvitationInput,
  ZEmailInput,
  ZLoginInput,
  ZRegisterInput,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZTokenInput,
  ZUsccClaimInput,
} from '@ssb/domain/accounts';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { Context } from '../context.ts';
import { authedProcedure, publicProcedure } from '../procedures.ts';
import { acceptInvitation } from '../services/admin/invitations.ts';
import { appendAudit } from '../services/audit/append.ts';
import { requestLoginLink, signInWithLink } from '../services/auth/login-link.ts';
import { login, LOGIN_FAILURE_MESSAGES } from '../services/auth/login.ts';
import { requestPasswordReset, resetPassword } from '../services/auth/password-reset.ts';
import { registerOrganization } from '../services/auth/sign-up.ts';
import { acceptRoleGrant, describeRoleGrant } from '../services/auth/role-grant.ts';
import { createSession, deleteSession, loadSessionUser } from '../services/auth/sessions.ts';
import { claimUscc } from '../services/auth/uscc-claim.ts';
import { resendVerification, verifyEmail } from '../services/auth/verify-email.ts';

/** Starts a session for a user whose identity a link or password just proved. */
async function signIn(ctx: Context, userId: string) {
  const session = await createSession(ctx.db, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
  ctx.cookies.set(session.token, session.expiresAt);
  return loadSessionUser(ctx.db, userId);
}

export const authRouter = {
  /** The signed-in user, or null: lets each app decide what to show without an error. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    const result = await login(ctx, input, { ip: ctx.ip, userAgent: ctx.userAgent });
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

  /** Always "check your mail": the page never says whether the address already has an account. */
  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    const { email } = await registerOrganization(ctx, input, { ip: ctx.ip });
    return { status: 'check_mail' as const, email };
  }),

  verifyEmail: publicProcedure.input(ZTokenInput).mutation(async ({ ctx, input }) => {
    const userId = await verifyEmail(ctx.db, input.token, { ip: ctx.ip });
    return signIn(ctx, userId);
  }),

  resendVerification: publicProcedure.input(ZEmailInput).mutation(async ({ ctx, input }) => {
    await resendVerification(ctx, input.email, { ip: ctx.ip });
    return { ok: true };
  }),

  /** A unit whose credit code someone else registered asks the office to check. */
  claimUscc: publicProcedure.input(ZUsccClaimInput).mutation(async ({ ctx, input }) => {
    await claimUscc(ctx, input, { ip: ctx.ip });
    return { ok: true };
  }),

  requestLoginLink: publicProcedure.input(ZEmailInput).mutation(async ({ ctx, input }) => {
    await requestLoginLink(ctx, input.email, { ip: ctx.ip });
    return { ok: true };
  }),

  loginWithLink: publicProcedure.input(ZTokenInput).mutation(async ({ ctx, input }) => {
    const userId = await signInWithLink(ctx.db, input.token, { ip: ctx.ip });
    return signIn(ctx, userId);
  }),

  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx, input.email, ctx.ip);
    return { ok: true };
  }),

  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.db, input.token, input.password, { ip: ctx.ip });
    return { ok: true };
  }),

  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const { userId } = await acceptInvitation(ctx.db, input, { ip: ctx.ip });
    await appendAudit(ctx.db, { actorUserId: userId, action: 'auth.login', entityType: 'user', entityId: userId });
    return signIn(ctx, userId);
  }),

  /** What an invitation to an existing account offers; only its owner, signed in, may read it. */
  roleGrant: authedProcedure.input(ZTokenInput).query(({ ctx, input }) => describeRoleGrant(ctx.db, input.token, ctx.user.id)),

  acceptRoleGrant: authedProcedure.input(ZTokenInput).mutation(async ({ ctx, input }) => {
    await acceptRoleGrant(ctx.db, input.token, ctx.user.id);
    return loadSessionUser(ctx.db, ctx.user.id);
  }),
} satisfies TRPCRouterRecord;
