import { ZActivityCampaignFields } from '@ssb/domain/activity-campaigns';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure, publicProcedure } from '../procedures.ts';
import { createActivityCampaign, deleteActivityCampaign, listActivityCampaignsForOffice, updateActivityCampaign } from '../services/activity-campaigns/office-campaigns.ts';
import { getPublicActivityCampaign, listPublicActivityCampaigns } from '../services/activity-campaigns/public-campaigns.ts';

const ZCampaignId = z.object({ id: z.uuid({ error: '主题活动编号格式不正确' }) });
const me = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Themed campaigns (主题活动: 全国科技工作者日, 科技活动周, 全国科普日) that events join; not the selection campaign. */
export const activityCampaignsRouter = {
  list: publicProcedure.query(({ ctx }) => listPublicActivityCampaigns(ctx.db)),
  get: publicProcedure.input(ZCampaignId).query(({ ctx, input }) => getPublicActivityCampaign(ctx.db, input.id)),

  officeList: officeProcedure.query(({ ctx }) => listActivityCampaignsForOffice(ctx.db)),
  create: officeProcedure.input(ZActivityCampaignFields).mutation(({ ctx, input }) => createActivityCampaign(ctx.db, me(ctx), input)),
  update: officeProcedure.input(ZActivityCampaignFields.safeExtend(ZCampaignId.shape)).mutation(({ ctx, input }) => updateActivityCampaign(ctx.db, me(ctx), input)),
  remove: officeProcedure.input(ZCampaignId).mutation(({ ctx, input }) => deleteActivityCampaign(ctx.db, me(ctx), input)),
} satisfies TRPCRouterRecord;
