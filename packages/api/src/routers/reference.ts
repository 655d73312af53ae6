import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../procedures.ts';
import { listCampaigns, listDistricts, listRecommendingBodies } from '../services/account/reference.ts';

export const referenceRouter = {
  districts: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),
  recommendingBodies: publicProcedure.query(({ ctx }) => listRecommendingBodies(ctx.db)),
  campaigns: publicProcedure.query(({ ctx }) => listCampaigns(ctx.db)),
} satisfies TRPCRouterRecord;
