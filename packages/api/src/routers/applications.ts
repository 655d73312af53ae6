import { ZDraftData } from '@ssb/domain/application-form';
import { APPLICATION_STATUSES } from '@ssb/domain/application-status';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { applicantProcedure, applicationReaderProcedure, officeProcedure, recommenderProcedure, viewerOf } from '../procedures.ts';
import { createApplication } from '../services/applications/create-application.ts';
import { declareNoRecommendation } from '../services/applications/declare-none.ts';
import { findDuplicateOrganizations } from '../services/applications/duplicates.ts';
import { getApplication, getRecommenderDesk, listMyApplications } from '../services/applications/list-applications.ts';
import { saveDraft } from '../services/applications/save-draft.ts';
import { transitionApplication } from '../services/applications/transition-application.ts';
import { deleteMaterial, listMaterials } from '../services/materials/register-material.ts';
import { startRenewal } from '../services/renewals/renewals.ts';

export const applicationsRouter = {
  mine: applicantProcedure.query(({ ctx }) => listMyApplications(ctx.db, viewerOf(ctx))),

  get: applicationReaderProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .query(({ ctx, input }) => getApplication(ctx.db, viewerOf(ctx), input.applicationId)),

  create: applicantProcedure
    .input(z.object({ campaignId: z.uuid(), recommendingBodyId: z.uuid() }))
    .mutation(({ ctx, input }) => createApplication(ctx.db, viewerOf(ctx), input)),

  /** 重新申报（复核）: a draft renewing one of the unit's bases, pre-filled from its last application and profile. */
  startRenewal: applicantProcedure
    .input(z.object({ baseId: z.uuid(), campaignId: z.uuid(), recommendingBodyId: z.uuid().optional() }))
    .mutation(({ ctx, input }) => startRenewal(ctx.db, viewerOf(ctx), input)),

  saveDraft: applicantProcedure
    .input(z.object({ applicationId: z.uuid(), version: z.number().int().min(1), data: ZDraftData }))
    .mutation(({ ctx, input }) => saveDraft(ctx.db, viewerOf(ctx), input)),

  submit: applicantProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'submit' })),
  withdraw: applicantProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'withdraw' })),
  reopen: applicantProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'reopen' })),

  desk: recommenderProcedure
    .input(z.object({ campaignId: z.uuid(), status: z.enum(APPLICATION_STATUSES).optional(), search: z.string().max(100).optional() }))
    .query(({ ctx, input }) => getRecommenderDesk(ctx.db, viewerOf(ctx), input)),
  recommend: recommenderProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'recommend' })),
  unrecommend: recommenderProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'unrecommend' })),
  return: recommenderProcedure
    .input(z.object({ applicationId: z.uuid(), reason: z.string().trim().min(2, { error: '请填写退回原因' }).max(1000) }))
    .mutation(({ ctx, input }) => transitionApplication(ctx, viewerOf(ctx), { ...input, action: 'return' })),
  declareNone: recommenderProcedure
    .input(z.object({ campaignId: z.uuid(), declaresNone: z.boolean(), note: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => declareNoRecommendation(ctx.db, viewerOf(ctx), input)),

  materials: applicationReaderProcedure
    .input(z.object({ applicationId: z.uuid() }))
    .query(({ ctx, input }) => listMaterials(ctx.db, viewerOf(ctx), input.applicationId)),
  deleteMaterial: applicantProcedure
    .input(z.object({ materialId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await deleteMaterial(ctx, viewerOf(ctx), input.materialId);
      return { ok: true };
    }),

  duplicates: officeProcedure
    .input(z.object({ campaignId: z.uuid() }))
    .query(({ ctx, input }) => findDuplicateOrganizations(ctx.db, input.campaignId)),
} satisfies TRPCRouterRecord;
