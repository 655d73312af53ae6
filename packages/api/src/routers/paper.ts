import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure } from '../procedures.ts';
import { checkPaper, markPaperReceived, paperOverview } from '../services/paper/check-paper.ts';

/** 纸质材料核对: the office compares received paper forms with the electronic version. */
export const paperRouter = {
  check: officeProcedure
    .input(z.object({ campaignId: z.uuid(), text: z.string().trim().min(1, { error: '请输入或扫描核验码' }).max(500) }))
    .mutation(({ ctx, input }) => checkPaper(ctx.db, input.campaignId, input.text)),
  markReceived: officeProcedure
    .input(z.object({ applicationId: z.uuid(), code: z.string().trim().min(1).max(40) }))
    .mutation(({ ctx, input }) => markPaperReceived(ctx, ctx.user.id, input)),
  overview: officeProcedure.input(z.object({ campaignId: z.uuid() })).query(({ ctx, input }) => paperOverview(ctx.db, input.campaignId)),
} satisfies TRPCRouterRecord;
