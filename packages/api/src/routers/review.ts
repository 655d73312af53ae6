import { ZReviewCriteriaInput } from '@ssb/domain/review-criteria';
import { REVIEW_ROUND_KINDS } from '@ssb/domain/selection';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure, roleProcedure } from '../procedures.ts';
import { applyAssignment, assignExpert, previewAssignment, unassignExpert } from '../services/review/assign.ts';
import { assignmentForExpert, myAssignments } from '../services/review/expert-view.ts';
import { addExpert, expertCandidates, listExperts, updateExpert } from '../services/review/pool.ts';
import { roundProgress, sendReminders } from '../services/review/progress.ts';
import { exportRanking, roundRanking } from '../services/review/ranking.ts';
import { logView } from '../services/audit/log-view.ts';
import { closeRound, createRound, listRounds, openRound, updateRound } from '../services/review/rounds.ts';
import { declareConflict, saveScoreDraft, submitScores } from '../services/review/score-sheet.ts';

const expertProcedure = roleProcedure('expert');

const ZRoundSettings = z.object({
  blind: z.boolean(),
  criteria: ZReviewCriteriaInput.optional(),
  expertsPerApplication: z.number().int().min(1, { error: '每份申报至少 1 位专家' }).max(15),
  disagreementThreshold: z.number().min(0).max(100),
  closesAt: z.iso.datetime({ offset: true }).nullable().transform((v) => (v ? new Date(v) : null)),
});

const ZExpert = z.object({
  userId: z.uuid(),
  organizationId: z.uuid().nullable(),
  title: z.string().trim().max(60).nullable(),
  fields: z.array(z.string().trim().min(1).max(30)).max(10),
});

const ZRound = z.object({ roundId: z.uuid() });
const ZAddition = z.object({ applicationId: z.uuid(), expertUserId: z.uuid() });
const ZSheet = z.object({
  assignmentId: z.uuid(),
  version: z.number().int().min(1),
  scores: z.record(z.string(), z.number()),
  comment: z.string().max(5000, { error: '评审意见不超过 5000 字' }),
});

export const reviewRouter = {
  // The office: expert pool.
  experts: officeProcedure.query(({ ctx }) => listExperts(ctx.db)),
  expertCandidates: officeProcedure.query(({ ctx }) => expertCandidates(ctx.db)),
  addExpert: officeProcedure.input(ZExpert).mutation(({ ctx, input }) => addExpert(ctx.db, { userId: ctx.user.id }, input)),
  updateExpert: officeProcedure.input(ZExpert.extend({ active: z.boolean() })).mutation(({ ctx, input }) => updateExpert(ctx.db, { userId: ctx.user.id }, input)),

  // The office: rounds.
  rounds: officeProcedure.input(z.object({ campaignId: z.uuid() })).query(({ ctx, input }) => listRounds(ctx.db, input.campaignId)),
  createRound: officeProcedure
    .input(ZRoundSettings.extend({ campaignId: z.uuid(), kind: z.enum(REVIEW_ROUND_KINDS) }))
    .mutation(({ ctx, input }) => createRound(ctx.db, { userId: ctx.user.id }, input)),
  updateRound: officeProcedure.input(ZRoundSettings.extend({ roundId: z.uuid() })).mutation(({ ctx, input }) => updateRound(ctx.db, { userId: ctx.user.id }, input)),
  openRound: officeProcedure.input(ZRound).mutation(({ ctx, input }) => openRound(ctx.db, { userId: ctx.user.id }, input, ctx.config.publicUrl)),
  closeRound: officeProcedure.input(ZRound).mutation(({ ctx, input }) => closeRound(ctx.db, { userId: ctx.user.id }, input)),

  // The office: assignment, always previewed before a bulk change.
  previewAssignment: officeProcedure
    .input(ZRound.extend({ carryOverTopN: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => previewAssignment(ctx.db, input)),
  applyAssignment: officeProcedure
    .input(ZRound.extend({ additions: z.array(ZAddition).max(5000) }))
    .mutation(({ ctx, input }) => applyAssignment(ctx.db, { userId: ctx.user.id }, input)),
  assign: officeProcedure.input(ZRound.extend(ZAddition.shape)).mutation(({ ctx, input }) => assignExpert(ctx.db, { userId: ctx.user.id }, input)),
  unassign: officeProcedure.input(z.object({ assignmentId: z.uuid() })).mutation(({ ctx, input }) => unassignExpert(ctx.db, { userId: ctx.user.id }, input)),

  // The office: progress and results.
  progress: officeProcedure.input(ZRound).query(async ({ ctx, input }) => {
    const result = await roundProgress(ctx.db, input.roundId);
    await logView(ctx.db, { actorUserId: ctx.user.id, action: 'review.progress_view', entityType: 'review_round', entityId: input.roundId });
    return result;
  }),
  sendReminders: officeProcedure.input(ZRound).mutation(({ ctx, input }) => sendReminders(ctx.db, { userId: ctx.user.id }, input, ctx.config.publicUrl)),
  ranking: officeProcedure.input(ZRound).query(async ({ ctx, input }) => {
    const result = await roundRanking(ctx.db, input.roundId);
    await logView(ctx.db, { actorUserId: ctx.user.id, action: 'review.ranking_view', entityType: 'review_round', entityId: input.roundId });
    return result;
  }),
  exportRanking: officeProcedure.input(ZRound).mutation(({ ctx, input }) => exportRanking(ctx.db, { userId: ctx.user.id }, input.roundId)),

  // Experts: their own assignments only.
  myAssignments: expertProcedure.query(({ ctx }) => myAssignments(ctx.db, ctx.user.id)),
  assignment: expertProcedure.input(z.object({ assignmentId: z.uuid() })).query(async ({ ctx, input }) => {
    const assignment = await assignmentForExpert(ctx.db, ctx.user.id, input.assignmentId);
    await logView(ctx.db, { actorUserId: ctx.user.id, action: 'review.assignment_view', entityType: 'review_assignment', entityId: input.assignmentId });
    return assignment;
  }),
  saveScores: expertProcedure.input(ZSheet).mutation(({ ctx, input }) => saveScoreDraft(ctx.db, ctx.user.id, input)),
  submitScores: expertProcedure.input(ZSheet).mutation(({ ctx, input }) => submitScores(ctx.db, ctx.user.id, input)),
  declareConflict: expertProcedure
    .input(z.object({ assignmentId: z.uuid(), reason: z.string().trim().min(4, { error: '请说明回避理由（至少 4 个字）' }).max(500) }))
    .mutation(({ ctx, input }) => declareConflict(ctx.db, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
