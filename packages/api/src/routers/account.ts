import { ZChangePasswordInput } from '@ssb/domain/accounts';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../procedures.ts';
import { listMyMail, listMyNotifications, markNotificationsRead } from '../services/account/notifications.ts';
import { getMyOrganizations } from '../services/account/organizations.ts';
import { changePassword, signOutOtherSessions } from '../services/account/password.ts';

export const accountRouter = {
  organizations: authedProcedure.query(({ ctx }) => getMyOrganizations(ctx.db, ctx.user)),
  notifications: authedProcedure.query(({ ctx }) => listMyNotifications(ctx.db, ctx.user.id)),
  markNotificationsRead: authedProcedure.mutation(async ({ ctx }) => {
    await markNotificationsRead(ctx.db, ctx.user.id);
    return { ok: true };
  }),
  mail: authedProcedure.query(({ ctx }) => listMyMail(ctx.db, ctx.user.email)),
  changePassword: authedProcedure.input(ZChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, ctx.user, ctx.sessionToken, input);
    return { ok: true };
  }),
  signOutOtherSessions: authedProcedure.mutation(async ({ ctx }) => {
    await signOutOtherSessions(ctx.db, ctx.user, ctx.sessionToken);
    return { ok: true };
  }),
} satisfies TRPCRouterRecord;
