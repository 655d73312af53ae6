import { ZCohostReportPart, ZEventReport } from '@ssb/domain/event-report';
import { beijingToday } from '@ssb/domain/time';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, officeProcedure, publicProcedure, viewerOf } from '../procedures.ts';
import { fileCohostReportPart } from '../services/event-reports/cohost-report.ts';
import { fileEventReport, getReportForm } from '../services/event-reports/file-report.ts';
import { removeReportPhoto } from '../services/event-reports/report-photos.ts';
import { baseYearlyRecord, officeYearlyRecords } from '../services/event-reports/yearly-record.ts';

const ZYear = z.number().int().min(2000).max(2099).optional();
const thisYear = () => Number(beijingToday().slice(0, 4));

/** Activity reports of ended events, and the yearly record they add up to. */
export const eventReportsRouter = {
  /** The report form of one of the caller's events: the door's figures to prefill, and the report as filed. */
  form: baseManagerProcedure.input(z.object({ eventId: z.uuid() })).query(({ ctx, input }) => getReportForm(ctx.db, viewerOf(ctx), input.eventId)),

  file: baseManagerProcedure.input(ZEventReport).mutation(({ ctx, input }) => fileEventReport(ctx.db, viewerOf(ctx), input)),

  /** An accepted co-host files its own part (who came on its side, what it did), once the event is over. */
  fileCohostPart: baseManagerProcedure.input(ZCohostReportPart).mutation(({ ctx, input }) => fileCohostReportPart(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),

  removePhoto: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), key: z.string().regex(/^[0-9a-f-]{36}\.(jpg|png)$/, { error: '照片不存在' }) }))
    .mutation(({ ctx, input }) => removeReportPhoto(ctx, viewerOf(ctx), input)),

  /** A base's yearly record, for its public page: figures only, no one's data. */
  baseRecord: publicProcedure.input(z.object({ baseId: z.uuid(), year: ZYear })).query(({ ctx, input }) => baseYearlyRecord(ctx.db, input.baseId, input.year ?? thisYear())),

  /** The office's statistics: each base's record for the year, and the totals. */
  yearly: officeProcedure.input(z.object({ year: ZYear }).default({})).query(({ ctx, input }) => officeYearlyRecords(ctx.db, input.year ?? thisYear())),
} satisfies TRPCRouterRecord;
