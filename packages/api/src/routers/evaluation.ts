import {
  ZAnswerRectification, ZAssignEvaluators, ZExtendDeadline, ZConfirmOutcomes, ZDecideOutcomes, ZEvaluationConflict, ZEvaluationScoreInput, ZOfficeCheck, ZOpenEvaluationRound, ZRecheck,
  ZReportRef, ZRoundBaseRef, ZRoundRef, ZSaveAnnualReport, ZVisitRecord,
} from '@ssb/domain/evaluation-input';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, officeProcedure, publicProcedure, roleProcedure, viewerOf } from '../procedures.ts';
import { answerRectification, confirmEvaluationOutcomes, listRectifications, previewEvaluationOutcomes, publicEvaluationSummary, recheckRectification } from '../services/evaluation/outcomes.ts';
import { annualReportView, myAnnualReports, saveAnnualReport, startAnnualReport, submitAnnualReport } from '../services/evaluation/reports.ts';
import { closeEvaluationReporting, closeEvaluationRound, evaluationRoundView, extendReportDeadline, listEvaluationRounds, openEvaluationRound } from '../services/evaluation/rounds.ts';
import {
  assignEvaluators, declareEvaluationConflict, evaluationScoresOf, myEvaluations, planEvaluationAssignment, recordEvaluationVisit, recordOfficeCheck, saveEvaluationScore,
} from '../services/evaluation/scoring.ts';

const expertProcedure = roleProcedure('expert');
const reportReaderProcedure = roleProcedure('base_manager', 'expert', 'office', 'sysadmin');

/** Life after naming (动态管理): annual reports, evaluation on the six dimensions, outcomes, rectification. */
export const evaluationRouter = {
  // public
  summary: publicProcedure.query(({ ctx }) => publicEvaluationSummary(ctx.db)),

  // office: rounds
  rounds: officeProcedure.query(({ ctx }) => listEvaluationRounds(ctx.db)),
  round: officeProcedure.input(ZRoundRef).query(({ ctx, input }) => evaluationRoundView(ctx.db, viewerOf(ctx), input.roundId)),
  openRound: officeProcedure.input(ZOpenEvaluationRound).mutation(({ ctx, input }) => openEvaluationRound(ctx.db, viewerOf(ctx), input, ctx.config)),
  extendDeadline: officeProcedure.input(ZExtendDeadline).mutation(({ ctx, input }) => extendReportDeadline(ctx.db, viewerOf(ctx), input, ctx.config)),
  closeReporting: officeProcedure.input(ZRoundRef).mutation(({ ctx, input }) => closeEvaluationReporting(ctx.db, viewerOf(ctx), input.roundId)),
  closeRound: officeProcedure.input(ZRoundRef).mutation(({ ctx, input }) => closeEvaluationRound(ctx.db, viewerOf(ctx), input.roundId)),

  // office: review, checks and outcomes
  previewAssignment: officeProcedure.input(ZAssignEvaluators).query(({ ctx, input }) => planEvaluationAssignment(ctx.db, input)),
  assign: officeProcedure.input(ZAssignEvaluators).mutation(({ ctx, input }) => assignEvaluators(ctx.db, viewerOf(ctx), input, ctx.config)),
  scores: officeProcedure.input(ZRoundBaseRef).query(({ ctx, input }) => evaluationScoresOf(ctx.db, input.roundId, input.baseId)),
  recordVisit: officeProcedure.input(ZVisitRecord).mutation(({ ctx, input }) => recordEvaluationVisit(ctx.db, viewerOf(ctx), input)),
  officeCheck: officeProcedure.input(ZOfficeCheck).mutation(({ ctx, input }) => recordOfficeCheck(ctx.db, viewerOf(ctx), input)),
  previewOutcomes: officeProcedure.input(ZDecideOutcomes).query(({ ctx, input }) => previewEvaluationOutcomes(ctx.db, input)),
  confirmOutcomes: officeProcedure.input(ZConfirmOutcomes).mutation(({ ctx, input }) => confirmEvaluationOutcomes(ctx.db, viewerOf(ctx), input, ctx.config)),
  rectifications: officeProcedure.query(({ ctx }) => listRectifications(ctx.db, viewerOf(ctx))),
  recheck: officeProcedure.input(ZRecheck).mutation(({ ctx, input }) => recheckRectification(ctx.db, viewerOf(ctx), input, ctx.config)),

  // one report: its base's managers, the office, and assigned experts once submitted
  report: reportReaderProcedure.input(ZReportRef).query(({ ctx, input }) => annualReportView(ctx.db, viewerOf(ctx), input.reportId)),

  // base managers
  mine: baseManagerProcedure.query(({ ctx }) => myAnnualReports(ctx.db, viewerOf(ctx))),
  startReport: baseManagerProcedure.input(ZRoundBaseRef).mutation(({ ctx, input }) => startAnnualReport(ctx.db, viewerOf(ctx), input)),
  saveReport: baseManagerProcedure.input(ZSaveAnnualReport).mutation(({ ctx, input }) => saveAnnualReport(ctx.db, viewerOf(ctx), input)),
  submitReport: baseManagerProcedure
    .input(z.object({ reportId: z.uuid({ error: '报告编号格式不正确' }), version: z.number().int().min(1) }).strict())
    .mutation(({ ctx, input }) => submitAnnualReport(ctx.db, viewerOf(ctx), input, ctx.config)),
  answerRectification: baseManagerProcedure.input(ZAnswerRectification).mutation(({ ctx, input }) => answerRectification(ctx.db, viewerOf(ctx), input, ctx.config)),

  // experts
  myEvaluations: expertProcedure.query(({ ctx }) => myEvaluations(ctx.db, viewerOf(ctx))),
  saveScore: expertProcedure.input(ZEvaluationScoreInput).mutation(({ ctx, input }) => saveEvaluationScore(ctx.db, viewerOf(ctx), input)),
  declareConflict: expertProcedure.input(ZEvaluationConflict).mutation(({ ctx, input }) => declareEvaluationConflict(ctx.db, viewerOf(ctx), input)),
} satisfies TRPCRouterRecord;
