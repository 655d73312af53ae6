import { SELECTION_OUTCOMES } from '@ssb/domain/selection';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure } from '../procedures.ts';
import { applyDecisions } from '../services/decisions/apply-decisions.ts';
import { listCandidates } from '../services/decisions/list-candidates.ts';
import { planDecisions } from '../services/decisions/plan-decisions.ts';
import { ZPage } from '../services/pagination.ts';

const ZDecisionRequest = z.object({
  campaignId: z.uuid(),
  applicationIds: z.array(z.uuid()).min(1, { error: '请至少选择一个申报' }).max(500),
  outcome: z.enum(SELECTION_OUTCOMES),
  namedOn: z.iso.date({ error: '命名日期格式应为 YYYY-MM-DD' }).optional(),
});

/** 评选决定: the office shortlists, names or turns down recommended nominations, in bulk, after a preview. */
export const decisionsRouter = {
  candidates: officeProcedure
    .input(
      ZPage.extend({
        campaignId: z.uuid(),
        districtCode: z.string().max(12).optional(),
        category: z.string().max(30).optional(),
        outcome: z.enum([...SELECTION_OUTCOMES, 'none']).optional(),
        q: z.string().max(60).optional(),
      }),
    )
    .query(({ ctx, input }) => listCandidates(ctx.db, input)),
  preview: officeProcedure.input(ZDecisionRequest).mutation(({ ctx, input }) => planDecisions(ctx.db, input)),
  confirm: officeProcedure
    .input(ZDecisionRequest.extend({ token: z.string().length(64), note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => applyDecisions(ctx, { userId: ctx.user.id }, input)),
} satisfies TRPCRouterRecord;
