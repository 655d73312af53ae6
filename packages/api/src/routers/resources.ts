import { RESOURCE_STATUSES } from '@ssb/domain/bases';
import { RESOURCE_ACTION_NAMES, ZResourceFields } from '@ssb/domain/shared-resources';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, publicProcedure, viewerOf } from '../procedures.ts';
import { createResource, getMyResource, listMyResources, transitionResource, updateResource } from '../services/resources/manage-resources.ts';
import { getPublicResource } from '../services/resources/public-resource.ts';
import { arrangeResourceMedia } from '../services/resources/resource-media.ts';


export const resourcesRouter = {
  /** A published resource's public page. */
  get: publicProcedure.input(z.object({ resourceId: z.uuid() })).query(({ ctx, input }) => getPublicResource(ctx.db, input.resourceId)),

  mine: baseManagerProcedure
    .input(z.object({ status: z.enum(RESOURCE_STATUSES).optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listMyResources(ctx.db, viewerOf(ctx), input)),

  edit: baseManagerProcedure.input(z.object({ resourceId: z.uuid() })).query(({ ctx, input }) => getMyResource(ctx.db, viewerOf(ctx), input.resourceId)),

  create: baseManagerProcedure
    .input(ZResourceFields.extend({ baseId: z.uuid() }))
    .mutation(({ ctx, input }) => createResource(ctx.db, viewerOf(ctx), input)),

  update: baseManagerProcedure
    .input(ZResourceFields.extend({ resourceId: z.uuid(), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => updateResource(ctx.db, viewerOf(ctx), input)),

  transition: baseManagerProcedure
    .input(z.object({ resourceId: z.uuid(), action: z.enum(RESOURCE_ACTION_NAMES) }))
    .mutation(({ ctx, input }) => transitionResource(ctx.db, viewerOf(ctx), input)),

  /** Reorders or removes a resource's images (uploads go to POST /files/resources/:id). */
  arrangeMedia: baseManagerProcedure
    .input(z.object({ resourceId: z.uuid(), version: z.number().int().min(1), keys: z.array(z.string().max(60)).max(20) }))
    .mutation(({ ctx, input }) => arrangeResourceMedia(ctx, viewerOf(ctx), input)),
} satisfies TRPCRouterRecord;
