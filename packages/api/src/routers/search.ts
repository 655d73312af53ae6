import { MAX_PAGE_SIZE } from '@ssb/search';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../procedures.ts';
import { searchEngineOf } from '../services/search/engine.ts';
import { createTRPCRouter } from '../trpc.ts';

const ZValues = z.array(z.string().trim().min(1).max(100)).max(30).optional();

export const ZSearchInput = z.object({
  q: z.string().max(200, '搜索词不能超过 200 个字'),
  filters: z
    .object({
      kind: z.enum(['resource', 'base', 'event']).optional(),
      type: ZValues,
      district: ZValues,
      element: ZValues,
      scientist: ZValues,
      audience: ZValues,
    })
    .optional(),
  page: z.number().int('页码须为整数').min(1, '页码从 1 开始').max(10_000).optional(),
  pageSize: z.number().int('每页条数须为整数').min(1).max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`).optional(),
});

export const searchRouter = createTRPCRouter({
  /** Public search over published resources and bases, with facets (see @ssb/search). */
  query: publicProcedure.input(ZSearchInput).query(async ({ ctx, input }) => {
    try {
      return await searchEngineOf(ctx).query(input);
    } catch (error) {
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: '搜索服务暂时不可用，请稍后再试', cause: error });
    }
  }),
});
