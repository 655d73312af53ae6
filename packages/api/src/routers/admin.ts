import { ZGrantRoleInput, ZInviteUserInput } from '@ssb/domain/accounts';
import { DISTRICT_CODES } from '@ssb/domain/districts';
import { ORGANIZATION_TYPES } from '@ssb/domain/organizations';
import { ROLES } from '@ssb/domain/roles';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure } from '../procedures.ts';
import { getDashboard } from '../services/admin/dashboard.ts';
import { listOrganizations, listUsers } from '../services/admin/directory.ts';
import { inviteUser } from '../services/admin/invitations.ts';
import { grantRole, revokeRole } from '../services/admin/roles.ts';
import { ZPage } from '../services/pagination.ts';

const actorOf = (ctx: { user: { id: string }; grants: Array<{ role: string }> }) => ({
  id: ctx.user.id,
  roles: ctx.grants.map((g) => g.role),
});

export const adminRouter = {
  dashboard: officeProcedure.query(({ ctx }) => getDashboard(ctx.db)),

  users: officeProcedure
    .input(ZPage.extend({ search: z.string().trim().max(100).optional(), role: z.enum(ROLES).optional() }))
    .query(({ ctx, input }) => listUsers(ctx.db, actorOf(ctx), input)),

  organizations: officeProcedure
    .input(
      ZPage.extend({
        search: z.string().trim().max(100).optional(),
        type: z.enum(ORGANIZATION_TYPES).optional(),
        districtCode: z.enum(DISTRICT_CODES).optional(),
      }),
    )
    .query(({ ctx, input }) => listOrganizations(ctx.db, input)),

  inviteUser: officeProcedure.input(ZInviteUserInput).mutation(({ ctx, input }) => inviteUser(ctx, actorOf(ctx), input)),

  grantRole: officeProcedure.input(ZGrantRoleInput).mutation(async ({ ctx, input }) => {
    await grantRole(ctx.db, actorOf(ctx), input);
    return { ok: true };
  }),

  revokeRole: officeProcedure.input(ZGrantRoleInput).mutation(async ({ ctx, input }) => {
    await revokeRole(ctx.db, actorOf(ctx), input);
    return { ok: true };
  }),
} satisfies TRPCRouterRecord;
