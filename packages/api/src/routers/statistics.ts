import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure } from '../procedures.ts';
import { nominationStatistics } from '../services/statistics/nomination-statistics.ts';

export const statisticsRouter = {
  nominations: officeProcedure.input(z.object({ campaignId: z.uuid() })).query(({ ctx, input }) => nominationStatistics(ctx.db, input.campaignId)),
} satisfies TRPCRouterRecord;
