import {
  ZBudgetChangeDecision, ZBudgetChangeInput, ZFundingApplicationCreate, ZFundingApplicationRef, ZFundingApplicationSave, ZFundingAssignment, ZFundingCallFields,
  ZFundingCallRef, ZFundingCallUpdate, ZFundingConflictDeclaration, ZFundingDecisionInput, ZFundingReportDecision, ZFundingReportInput, ZFundingReviewInput, ZTrancheInput,
  ZFundingBulkApproval, ZFundingBulkConfirm, ZFundingCancelInput, ZFundingFileRef, ZFundingReduceInput,
} from '@ssb/domain/funding-input';
import { FUNDING_CALL_STATUSES } from '@ssb/domain/funding';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure, publicProcedure, roleProcedure, viewerOf } from '../procedures.ts';
import {
  createFundingApplication, fundingApplicationView, listCallApplications, listMyFundingApplications, saveFundingDraft, submitFundingApplication, withdrawFundingApplication,
} from '../services/funding/applications.ts';
import { createFundingCall, getFundingCallForOffice, getPublicFundingCall, listFundingCallsForOffice, listFundingReviewers, listPublicFundingCalls, setFundingCallStatus, updateFundingCall } from '../services/funding/calls.ts';
import { decideFundingApplication } from '../services/funding/decide.ts';
import { confirmFundingAgreement, decideBudgetChange, decideFundingReport, fundingLedger, recordFundingTranche, requestBudgetChange, submitFundingReport } from '../services/funding/grant.ts';
import { publicFundedProjects } from '../services/funding/open.ts';
import { cancelFundingGrant, reduceFundingAward } from '../services/funding/adjust.ts';
import { confirmBulkApproval, planBulkApproval } from '../services/funding/bulk-approve.ts';
import { removeFundingFile } from '../services/funding/files.ts';
import { fundingReportsDue } from '../services/funding/reminders.ts';
import { fundingDashboard } from '../services/funding/dashboard.ts';
import { beijingToday } from '@ssb/domain/time';
import { applyFundingAssignment, declareFundingConflict, fundingRecommendation, fundingReviewDesk, fundingReviewFile, planFundingAssignment, saveFundingReview } from '../services/funding/review.ts';

/** Base managers apply for their bases; alliance coordinators for a joint action through the lead base. */
const applicantProcedure = roleProcedure('base_manager', 'alliance_coordinator');
const reviewerProcedure = roleProcedure('funding_reviewer');
const readerProcedure = roleProcedure('base_manager', 'alliance_coordinator', 'office', 'sysadmin');

/** Special activity funding (专项活动工作经费): calls, applications, review, decisions, the ledger, grants. */
export const fundingRouter = {
  // public
  calls: publicProcedure.query(({ ctx }) => listPublicFundingCalls(ctx.db)),
  funded: publicProcedure.query(({ ctx }) => publicFundedProjects(ctx.db)),
  callPage: publicProcedure.input(ZFundingCallRef).query(({ ctx, input }) => getPublicFundingCall(ctx.db, input.callId)),

  // office: calls
  officeCalls: officeProcedure.query(({ ctx }) => listFundingCallsForOffice(ctx.db)),
  officeCall: officeProcedure.input(ZFundingCallRef).query(({ ctx, input }) => getFundingCallForOffice(ctx.db, input.callId)),
  reviewers: officeProcedure.query(({ ctx }) => listFundingReviewers(ctx.db)),
  createCall: officeProcedure.input(ZFundingCallFields).mutation(({ ctx, input }) => createFundingCall(ctx.db, viewerOf(ctx), input)),
  updateCall: officeProcedure.input(ZFundingCallUpdate).mutation(({ ctx, input }) => updateFundingCall(ctx.db, viewerOf(ctx), input)),
  setCallStatus: officeProcedure
    .input(z.object({ callId: z.uuid({ error: '编号格式不正确' }), status: z.enum(FUNDING_CALL_STATUSES, { error: '状态不正确' }) }))
    .mutation(({ ctx, input }) => setFundingCallStatus(ctx.db, viewerOf(ctx), input, ctx.config)),
  callApplications: officeProcedure.input(ZFundingCallRef).query(({ ctx, input }) => listCallApplications(ctx.db, input.callId)),

  // office: review and decision
  previewAssignment: officeProcedure.input(ZFundingAssignment).query(({ ctx, input }) => planFundingAssignment(ctx.db, input)),
  assign: officeProcedure.input(ZFundingAssignment).mutation(({ ctx, input }) => applyFundingAssignment(ctx.db, viewerOf(ctx), input, ctx.config)),
  recommendation: officeProcedure.input(ZFundingCallRef).query(({ ctx, input }) => fundingRecommendation(ctx.db, input.callId)),
  decide: officeProcedure.input(ZFundingDecisionInput).mutation(({ ctx, input }) => decideFundingApplication(ctx.db, viewerOf(ctx), input, ctx.config)),
  previewBulkApproval: officeProcedure.input(ZFundingBulkApproval).mutation(({ ctx, input }) => planBulkApproval(ctx.db, viewerOf(ctx), input)),
  confirmBulkApproval: officeProcedure.input(ZFundingBulkConfirm).mutation(({ ctx, input }) => confirmBulkApproval(ctx.db, viewerOf(ctx), input, ctx.config)),
  reduceAward: officeProcedure.input(ZFundingReduceInput).mutation(({ ctx, input }) => reduceFundingAward(ctx.db, viewerOf(ctx), input, ctx.config)),
  cancelGrant: officeProcedure.input(ZFundingCancelInput).mutation(({ ctx, input }) => cancelFundingGrant(ctx.db, viewerOf(ctx), input, ctx.config)),
  dashboard: officeProcedure
    .input(z.object({ year: z.number().int().min(2000).max(2099).nullable().default(null) }))
    .query(({ ctx, input }) => fundingDashboard(ctx.db, input)),
  reportsDue: officeProcedure.query(({ ctx }) => fundingReportsDue(ctx.db, beijingToday())),
  ledger: officeProcedure.input(ZFundingCallRef).query(({ ctx, input }) => fundingLedger(ctx.db, input.callId)),
  recordTranche: officeProcedure.input(ZTrancheInput).mutation(({ ctx, input }) => recordFundingTranche(ctx.db, viewerOf(ctx), input, ctx.config)),
  decideBudgetChange: officeProcedure.input(ZBudgetChangeDecision).mutation(({ ctx, input }) => decideBudgetChange(ctx.db, viewerOf(ctx), input, ctx.config)),
  decideReport: officeProcedure.input(ZFundingReportDecision).mutation(({ ctx, input }) => decideFundingReport(ctx.db, viewerOf(ctx), input, ctx.config)),

  // applicants and the office: one application
  get: readerProcedure.input(ZFundingApplicationRef).query(({ ctx, input }) => fundingApplicationView(ctx.db, viewerOf(ctx), input.applicationId)),

  // applicants
  mine: applicantProcedure.query(({ ctx }) => listMyFundingApplications(ctx.db, viewerOf(ctx))),
  create: applicantProcedure.input(ZFundingApplicationCreate).mutation(({ ctx, input }) => createFundingApplication(ctx.db, viewerOf(ctx), input)),
  saveDraft: applicantProcedure.input(ZFundingApplicationSave).mutation(({ ctx, input }) => saveFundingDraft(ctx.db, viewerOf(ctx), input)),
  submit: applicantProcedure.input(ZFundingApplicationRef).mutation(({ ctx, input }) => submitFundingApplication(ctx.db, viewerOf(ctx), input.applicationId, ctx.config)),
  withdraw: applicantProcedure.input(ZFundingApplicationRef).mutation(({ ctx, input }) => withdrawFundingApplication(ctx.db, viewerOf(ctx), input.applicationId)),
  confirmAgreement: applicantProcedure.input(ZFundingApplicationRef).mutation(({ ctx, input }) => confirmFundingAgreement(ctx.db, viewerOf(ctx), input.applicationId)),
  requestBudgetChange: applicantProcedure.input(ZBudgetChangeInput).mutation(({ ctx, input }) => requestBudgetChange(ctx.db, viewerOf(ctx), input, ctx.config)),
  removeFile: applicantProcedure.input(ZFundingFileRef).mutation(({ ctx, input }) => removeFundingFile(ctx, viewerOf(ctx), input)),
  submitReport: applicantProcedure.input(ZFundingReportInput).mutation(({ ctx, input }) => submitFundingReport(ctx.db, viewerOf(ctx), input, ctx.config)),

  // working-group members
  desk: reviewerProcedure.query(({ ctx }) => fundingReviewDesk(ctx.db, viewerOf(ctx))),
  reviewFile: reviewerProcedure.input(ZFundingApplicationRef).query(({ ctx, input }) => fundingReviewFile(ctx.db, viewerOf(ctx), input.applicationId)),
  saveReview: reviewerProcedure.input(ZFundingReviewInput).mutation(({ ctx, input }) => saveFundingReview(ctx.db, viewerOf(ctx), input)),
  declareConflict: reviewerProcedure.input(ZFundingConflictDeclaration).mutation(({ ctx, input }) => declareFundingConflict(ctx.db, viewerOf(ctx), input)),
} satisfies TRPCRouterRecord;
