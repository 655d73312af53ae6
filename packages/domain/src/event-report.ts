import { z } from 'zod';
import { AUDIENCES, type Audience } from './bases.ts';

/** The activity report a host files after an event (通知: 面向公众特别是青少年开展活动), and the base's yearly record. */
export const EVENT_REPORT_LIMITS = { attendanceMax: 1_000_000, reasonMax: 200, summaryMax: 5000, linksMax: 10, linkTitleMax: 100, urlMax: 500, photosMax: 9 } as const;

export const REPORT_LINK_KINDS = ['press', 'new_media'] as const;
export type ReportLinkKind = (typeof REPORT_LINK_KINDS)[number];
export const REPORT_LINK_KIND_LABELS: Record<ReportLinkKind, { zh: string; en: string }> = {
  press: { zh: '新闻报道', en: 'Press' },
  new_media: { zh: '新媒体', en: 'New media' },
};

/** Audiences counted as young people (青少年) when no report says how many came. */
export const YOUNG_AUDIENCES: readonly Audience[] = ['primary', 'secondary'];

const count = (what: string) =>
  z
    .number({ error: `${what}应为整数` })
    .int({ error: `${what}应为整数` })
    .min(0, { error: `${what}不能为负数` })
    .max(EVENT_REPORT_LIMITS.attendanceMax, { error: `${what}过大` });

/** A web address people can open: http(s) only, with a host. */
export const ZReportLink = z.object({
  kind: z.enum(REPORT_LINK_KINDS, { error: '请选择链接类型' }),
  title: z.string().trim().min(1, { error: '请填写链接标题' }).max(EVENT_REPORT_LIMITS.linkTitleMax, { error: `链接标题不超过 ${EVENT_REPORT_LIMITS.linkTitleMax} 字` }),
  url: z
    .string()
    .trim()
    .max(EVENT_REPORT_LIMITS.urlMax, { error: '链接过长' })
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
        } catch {
          return false;
        }
      },
      { error: '请填写以 http:// 或 https:// 开头的完整网址' },
    ),
});
export type TReportLink = z.infer<typeof ZReportLink>;

export const ZEventReport = z
  .object({
    eventId: z.uuid(),
    /** The version of the report as the form loaded it; null when filing the first time. */
    version: z.number().int().min(1).nullable(),
    attendance: count('参加人数'),
    /** Required when the attendance differs from the door's count (check-ins plus walk-ins). */
    attendanceOverrideReason: z.string().trim().max(EVENT_REPORT_LIMITS.reasonMax, { error: `说明不超过 ${EVENT_REPORT_LIMITS.reasonMax} 字` }).default(''),
    youngPeople: count('青少年人数'),
    audiences: z.array(z.enum(AUDIENCES)).max(AUDIENCES.length).default([]),
    summary: z.string().trim().min(10, { error: '活动总结至少 10 个字' }).max(EVENT_REPORT_LIMITS.summaryMax, { error: `活动总结不超过 ${EVENT_REPORT_LIMITS.summaryMax} 字` }),
    links: z.array(ZReportLink).max(EVENT_REPORT_LIMITS.linksMax, { error: `链接最多 ${EVENT_REPORT_LIMITS.linksMax} 条` }).default([]),
  })
  .refine((r) => r.youngPeople <= r.attendance, { error: '青少年人数不能多于参加人数', path: ['youngPeople'] });
export type TEventReport = z.infer<typeof ZEventReport>;

/**
 * A co-host's part of the report: who came on its side (its place, its seats) and what it did there. It sits
 * beside the host's report and never adds to the event's attendance, which the host's report (the door) states.
 */
export const ZCohostReportPart = z
  .object({
    eventId: z.uuid(),
    baseId: z.uuid(),
    attendance: count('本方参加人数'),
    youngPeople: count('本方青少年人数'),
    summary: z.string().trim().min(10, { error: '本方活动总结至少 10 个字' }).max(EVENT_REPORT_LIMITS.summaryMax, { error: `本方活动总结不超过 ${EVENT_REPORT_LIMITS.summaryMax} 字` }),
  })
  .refine((r) => r.youngPeople <= r.attendance, { error: '青少年人数不能多于参加人数', path: ['youngPeople'] });
export type TCohostReportPart = z.infer<typeof ZCohostReportPart>;

/** The attendance a report may state: the door's count, or another figure with the reason why. */
export function attendanceProblem(stated: number, counted: number, reason: string): string | null {
  if (stated === counted) return null;
  if (reason.trim().length < 2) return `填报人数（${stated}）与签到统计（${counted}）不一致，请说明原因`;
  return null;
}

/** A report may be filed once an event of the host has ended, and not for a cancelled or unpublished one. */
export const mayFileReport = (event: { status: string; endsAt: Date }, now = new Date()) => event.status === 'published' && event.endsAt <= now;

/** One held event's figures for the yearly record: from its report, else from the door. */
export type HeldEventFigures = { reportAttendance: number | null; reportYoungPeople: number | null; doorTotal: number; doorYoungPeople: number };

/** The base's yearly record: events held, people reached, young people reached. */
export function yearlyRecord(events: readonly HeldEventFigures[]) {
  return events.reduce(
    (total, e) => ({
      eventsHeld: total.eventsHeld + 1,
      reported: total.reported + (e.reportAttendance === null ? 0 : 1),
      peopleReached: total.peopleReached + (e.reportAttendance ?? e.doorTotal),
      youngPeopleReached: total.youngPeopleReached + (e.reportYoungPeople ?? e.doorYoungPeople),
    }),
    { eventsHeld: 0, reported: 0, peopleReached: 0, youngPeopleReached: 0 },
  );
}
