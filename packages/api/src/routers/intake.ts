import { MANUAL_CHECKLIST_ITEMS } from '@ssb/domain/intake-checklist';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { applicantProcedure, officeProcedure } from '../procedures.ts';
import { myCorrection, replyCorrection } from '../services/intake/correction.ts';
import { acceptNomination, applyBulkAccept, nominationDetail, previewBulkAccept, rejectNomination, requestCorrection, setChecklistItem } from '../services/intake/intake-actions.ts';
import { listNominationCampaigns, listNominations, ZIntakeListInput } from '../services/intake/list-nominations.ts';

const ZIds = z.object({ campaignId: z.uuid(), applicationIds: z.array(z.uuid()).min(1, { error: '请至少选择一项' }).max(500) });

/** 形式审查: the office's intake check of nominations, and the applicant's side of a correction. */
export const intakeRouter = {
  campaigns: officeProcedure.query(({ ctx }) => listNominationCampaigns(ctx.db)),
  list: officeProcedure.input(ZIntakeListInput).query(({ ctx, input }) => listNominations(ctx.db, input)),
  detail: officeProcedure.input(z.object({ applicationId: z.uuid() })).query(({ ctx, input }) => nominationDetail(ctx.db, input.applicationId)),
  setChecklistItem: officeProcedure
    .input(z.object({ applicationId: z.uuid(), key: z.enum(MANUAL_CHECKLIST_ITEMS), checked: z.boolean() }))
    .mutation(({ ctx, input }) => setChecklistItem(ctx.db, ctx.user.id, input)),
  requestCorrection: officeProcedure
    .input(
      z.object({
        applicationId: z.uuid(),
        note: z.string().trim().min(4, { error: '请写明需要补正的内容（至少 4 个字）' }).max(2000),
        deadline: z.iso.datetime({ offset: true, error: '请选择补正截止时间' }),
      }),
    )
    .mutation(({ ctx, input }) => requestCorrection(ctx, ctx.user.id, { ...input, deadline: new Date(input.deadline) })),
  accept: officeProcedure.input(z.object({ applicationId: z.uuid() })).mutation(({ ctx, input }) => acceptNomination(ctx, ctx.user.id, input.applicationId)),
  reject: officeProcedure
    .input(z.object({ applicationId: z.uuid(), reason: z.string().trim().min(4, { error: '请写明不予受理的原因（至少 4 个字）' }).max(2000) }))
    .mutation(({ ctx, input }) => rejectNomination(ctx, ctx.user.id, input.applicationId, input.reason)),
  previewBulkAccept: officeProcedure.input(ZIds).query(({ ctx, input }) => previewBulkAccept(ctx.db, input.campaignId, input.applicationIds)),
  applyBulkAccept: officeProcedure.input(ZIds).mutation(({ ctx, input }) => applyBulkAccept(ctx, ctx.user.id, input.campaignId, input.applicationIds)),

  myCorrection: applicantProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .query(({ ctx, input }) => myCorrection(ctx.db, { userId: ctx.user.id, grants: ctx.grants }, input.applicationId)),
  replyCorrection: applicantProcedure
    .input(z.object({ applicationId: z.uuid(), message: z.string().max(1000).optional() }))
    .mutation(({ ctx, input }) => replyCorrection(ctx, { userId: ctx.user.id, grants: ctx.grants }, input)),
} satisfies TRPCRouterRecord;
