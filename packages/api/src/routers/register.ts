import { BASE_STATUSES } from '@ssb/domain/bases';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure } from '../procedures.ts';
import { ZPage } from '../services/pagination.ts';
import { changeBaseStatus } from '../services/base-register/change-base-status.ts';
import { getBaseWithHistory, listBases } from '../services/base-register/list-bases.ts';

/** 基地名录: the register of named bases, kept by the office. */
export const registerRouter = {
  list: officeProcedure
    .input(
      ZPage.extend({
        batchYear: z.number().int().min(2000).max(2100).optional(),
        category: z.string().max(30).optional(),
        districtCode: z.string().max(12).optional(),
        status: z.enum(BASE_STATUSES).optional(),
        q: z.string().max(60).optional(),
        isExpiringSoon: z.boolean().optional(),
      }),
    )
    .query(({ ctx, input }) => listBases(ctx.db, input)),
  get: officeProcedure.input(z.object({ baseId: z.uuid() })).query(({ ctx, input }) => getBaseWithHistory(ctx.db, input)),
  changeStatus: officeProcedure
    .input(z.object({ baseId: z.uuid(), version: z.number().int().min(1), toStatus: z.enum(BASE_STATUSES), reason: z.string().trim().min(4, { error: '请写明原因（至少 4 个字）' }).max(1000) }))
    .mutation(({ ctx, input }) => changeBaseStatus(ctx.db, { userId: ctx.user.id }, input, ctx.config.publicUrl)),
} satisfies TRPCRouterRecord;
