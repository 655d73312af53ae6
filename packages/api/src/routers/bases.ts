import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { DISTRICT_CODES } from '@ssb/domain/districts';
import { ZBaseProfile } from '@ssb/domain/shared-resources';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, publicProcedure, viewerOf } from '../procedures.ts';
import { listManagedBases, loadManagedBase } from '../services/base-profile/managed-bases.ts';
import { baseTermFor } from '../services/renewals/renewals.ts';
import { getBasePage, listBaseDirectory } from '../services/base-profile/public-bases.ts';
import { arrangeBasePhotos } from '../services/base-profile/base-photos.ts';
import { getMyBaseProfile, updateBaseProfile } from '../services/base-profile/update-profile.ts';


export const basesRouter = {
  /** The public directory: filters by category, district and "open now", paginated. */
  directory: publicProcedure
    .input(
      z.object({
        category: z.array(z.enum(BASE_CATEGORIES)).max(BASE_CATEGORIES.length).optional(),
        district: z.array(z.enum(DISTRICT_CODES)).max(DISTRICT_CODES.length).optional(),
        isOpenNow: z.boolean().optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(50).default(12),
      }),
    )
    .query(({ ctx, input }) => listBaseDirectory(ctx.db, input)),

  page: publicProcedure.input(z.object({ baseId: z.uuid() })).query(({ ctx, input }) => getBasePage(ctx.db, input.baseId)),

  mine: baseManagerProcedure.query(async ({ ctx }) =>
    (await listManagedBases(ctx.db, viewerOf(ctx))).map((b) => ({ id: b.id, name: b.name, number: b.number, status: b.status })),
  ),

  profile: baseManagerProcedure.input(z.object({ baseId: z.uuid() })).query(({ ctx, input }) => getMyBaseProfile(ctx.db, viewerOf(ctx), input.baseId)),

  /** The base's term: countdown to validUntil, reminders sent, and the campaigns it may re-apply in now. */
  term: baseManagerProcedure
    .input(z.object({ baseId: z.uuid() }))
    .query(async ({ ctx, input }) => baseTermFor(ctx.db, await loadManagedBase(ctx.db, viewerOf(ctx), input.baseId), ctx.user.memberships)),

  updateProfile: baseManagerProcedure
    .input(ZBaseProfile.extend({ baseId: z.uuid(), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => updateBaseProfile(ctx.db, viewerOf(ctx), input)),

  /** Reorders or removes the base's photos (they are added by POST /files/bases/:baseId/photos). */
  arrangePhotos: baseManagerProcedure
    .input(z.object({ baseId: z.uuid(), version: z.number().int().min(1), keys: z.array(z.string().regex(/^[0-9a-f-]{36}\.(jpg|png)$/)).max(6) }))
    .mutation(({ ctx, input }) => arrangeBasePhotos(ctx, viewerOf(ctx), input)),
} satisfies TRPCRouterRecord;
