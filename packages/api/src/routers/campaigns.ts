import { PHASE_KEYS } from '@ssb/domain/phases';
import { REQUIRED_PHASES } from '@ssb/domain/campaign-timetable';
import { ZNewFormField } from '@ssb/domain/new-form-field';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure, publicProcedure } from '../procedures.ts';
import { currentCampaign } from '../services/campaigns/phases.ts';
import { addFormField, createCampaign, getQuotaTable, grantExtension, setCategories, setQuota, updateCampaignPhases } from '../services/campaigns/manage-campaigns.ts';

const ZPhase = z.object({
  key: z.enum(PHASE_KEYS),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

export const campaignsRouter = {
  /** The campaign people are working in now, with its form and categories: public, like the notice. */
  current: publicProcedure.query(({ ctx }) => currentCampaign(ctx.db)),

  quotaTable: officeProcedure.input(z.object({ campaignId: z.uuid() })).query(({ ctx, input }) => getQuotaTable(ctx.db, input.campaignId)),

  create: officeProcedure
    .input(z.object({ year: z.number().int().min(2020).max(2100), title: z.string().trim().min(4).max(100), phases: z.array(ZPhase).min(2).max(7) }))
    .mutation(({ ctx, input }) => createCampaign(ctx.db, { userId: ctx.user.id }, input)),
  updatePhases: officeProcedure
    .input(z.object({ campaignId: z.uuid(), phases: z.array(ZPhase).min(2).max(7) }))
    .mutation(async ({ ctx, input }) => {
      await updateCampaignPhases(ctx.db, { userId: ctx.user.id }, input);
      return { ok: true };
    }),
  addFormField: officeProcedure
    .input(z.object({ campaignId: z.uuid(), field: ZNewFormField }))
    .mutation(async ({ ctx, input }) => ({ ok: true, field: await addFormField(ctx.db, { userId: ctx.user.id }, input) })),
  setCategories: officeProcedure
    .input(z.object({ campaignId: z.uuid(), categories: z.array(z.string().trim().min(1).max(30, { error: '类别名称不超过 30 字' })).min(1, { error: '至少保留一个基地类别' }).max(20) }))
    .mutation(({ ctx, input }) => setCategories(ctx.db, { userId: ctx.user.id }, input)),
  setQuota: officeProcedure
    .input(z.object({ campaignId: z.uuid(), recommendingBodyId: z.uuid(), quotaMax: z.number().int().min(0).max(20) }))
    .mutation(async ({ ctx, input }) => {
      await setQuota(ctx.db, { userId: ctx.user.id }, input);
      return { ok: true };
    }),
  grantExtension: officeProcedure
    .input(
      z.object({
        campaignId: z.uuid(),
        recommendingBodyId: z.uuid(),
        phase: z.enum(REQUIRED_PHASES),
        endsAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
        reason: z.string().trim().min(2, { error: '请填写延期原因' }).max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await grantExtension(ctx, { userId: ctx.user.id }, input);
      return { ok: true };
    }),
} satisfies TRPCRouterRecord;
