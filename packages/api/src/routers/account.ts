import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../procedures.ts';
import { listMyMail, listMyNotifications, markNotificationsRead } from '../services/account/notifications.ts';
import { getMyOrganizations } from '../services/account/organizations.ts';

export const accountRouter = {
  organizations: authedProcedure.query(({ ctx }) => getMyOrganizations(ctx.db, ctx.user)),
  notifications: authedProcedure.query(({ ctx }) => listMyNotifications(ctx.db, ctx.user.id)),
  markNotificationsRead: authedProcedure.mutation(async ({ ctx }) => {
    await markNotificationsRead(ctx.db, ctx.user.id);
    return { ok: true };
  }),
  mail: authedProcedure.query(({ ctx }) => listMyMail(ctx.db, ctx.user.email)),
} satisfies TRPCRouterRecord;
