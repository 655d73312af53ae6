import { z } from 'zod';
import { ACTIVITY_CAMPAIGN_MESSAGES } from './activity-campaigns.ts';
import { AUDIENCES } from './bases.ts';
import { DISTRICT_CODES } from './districts.ts';
import { EVENT_KINDS } from './events.ts';
import { ZRegistrationSettings, ZRegistrationSettingsPatch } from './registration-input.ts';

/** Input schemas of base events, used by the portal's form and by the procedures. */

export const EVENT_LIMITS = { titleMax: 80, descriptionMax: 5000, placeMax: 200, bookingInfoMax: 1000, capacityMax: 100_000, cancelReasonMax: 200, declineReasonMax: 200 } as const;

const instant = (error: string) => z.iso.datetime({ offset: true, error });

const eventOwnFields = {
  kind: z.enum(EVENT_KINDS, { error: '请选择活动类型' }),
  title: z.string().trim().min(2, { error: '活动名称至少 2 个字' }).max(EVENT_LIMITS.titleMax, { error: `活动名称不超过 ${EVENT_LIMITS.titleMax} 个字` }),
  /** Plain text; pages show it with its line breaks and never as HTML. */
  description: z.string().trim().max(EVENT_LIMITS.descriptionMax, { error: `活动介绍不超过 ${EVENT_LIMITS.descriptionMax} 字` }),
  /** ISO instants with their offset; the portal sends Beijing wall-clock times as +08:00. */
  startsAt: instant('请选择开始时间'),
  endsAt: instant('请选择结束时间'),
  place: z.string().trim().min(1, { error: '请填写活动地点' }).max(EVENT_LIMITS.placeMax, { error: `地点不超过 ${EVENT_LIMITS.placeMax} 字` }),
  audiences: z.array(z.enum(AUDIENCES)).max(AUDIENCES.length),
  capacity: z
    .number({ error: '名额应为整数' })
    .int({ error: '名额应为整数' })
    .min(1, { error: '名额至少为 1' })
    .max(EVENT_LIMITS.capacityMax, { error: '名额过大' })
    .nullable(),
  bookingInfo: z.string().trim().max(EVENT_LIMITS.bookingInfoMax, { error: `报名方式不超过 ${EVENT_LIMITS.bookingInfoMax} 字` }),
};

type EventRuleInput = {
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  registrationEnabled?: boolean;
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
};

/**
 * The rules across an event's fields, as [field, message] of the first broken one (or null). The form's
 * schema checks them on what was sent; an update checks them again once left-out settings are filled from storage.
 */
export function eventFieldsProblem(e: EventRuleInput): { path: keyof EventRuleInput; message: string } | null {
  if (Date.parse(e.endsAt) < Date.parse(e.startsAt)) return { path: 'endsAt', message: '结束时间不能早于开始时间' };
  if (e.registrationEnabled && e.capacity === null) return { path: 'capacity', message: '在平台报名需要设定名额' };
  if (e.registrationOpensAt && e.registrationClosesAt && Date.parse(e.registrationClosesAt) <= Date.parse(e.registrationOpensAt)) {
    return { path: 'registrationClosesAt', message: '报名截止时间应晚于开始时间' };
  }
  return null;
}

const checkEventRules = (e: EventRuleInput, ctx: z.RefinementCtx) => {
  const problem = eventFieldsProblem(e);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.path] });
};

export const ZEventFields = z.object({ ...eventOwnFields, ...ZRegistrationSettings.shape }).superRefine(checkEventRules);
/**
 * An update of an event: its own fields in full (the form sends them all), the registration settings
 * only when sent — one that is left out keeps its stored value, so a client that does not know of
 * registration never switches it off.
 */
export const ZEventUpdate = z
  .object({ ...eventOwnFields, ...ZRegistrationSettingsPatch.shape, eventId: z.uuid(), version: z.number().int().min(1) })
  .superRefine(checkEventRules);
export type TEventUpdate = z.infer<typeof ZEventUpdate>;
export type TEventFields = z.infer<typeof ZEventFields>;

export const ZEventCancel = z.object({
  eventId: z.uuid(),
  /** Shown beside 已取消 on the public page, e.g. "因天气原因取消，改期另行通知". */
  reason: z.string().trim().max(EVENT_LIMITS.cancelReasonMax, { error: `取消说明不超过 ${EVENT_LIMITS.cancelReasonMax} 字` }).default(''),
});

/** A calendar day as people in Beijing name it, e.g. 2026-05-30. */
const beijingDate = z.iso.date({ error: '日期格式应为 年-月-日' }).refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { error: '日期超出范围' });

/** The public events page: what is on (or was on), narrowed by days, district, audience and kind. */
export const ZEventBrowse = z
  .object({
    /** `all` (a campaign's page): every public event, soonest first. */
    when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
    /** Events that joined this themed campaign (主题活动). */
    campaign: z.uuid({ error: '主题活动编号格式不正确' }).optional(),
    /** Events still running on or after this Beijing day. */
    from: beijingDate.optional(),
    /** Events starting on or before this Beijing day. */
    to: beijingDate.optional(),
    district: z.enum(DISTRICT_CODES, { error: '请选择北京市的区' }).optional(),
    audience: z.enum(AUDIENCES).optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(50).default(12),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { error: '结束日期不能早于开始日期', path: ['to'] });
export type TEventBrowse = z.infer<typeof ZEventBrowse>;

/** The instant a Beijing day begins. */
export const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** A co-host's answer to an invitation; declining says why, and the host reads it. */
export const ZRespondCohost = z
  .object({
    eventId: z.uuid(),
    baseId: z.uuid(),
    accept: z.boolean(),
    reason: z.string().trim().max(EVENT_LIMITS.declineReasonMax, { error: `谢绝原因不超过 ${EVENT_LIMITS.declineReasonMax} 字` }).default(''),
  })
  .refine((r) => r.accept || r.reason.length >= 2, { error: ACTIVITY_CAMPAIGN_MESSAGES.cohostDeclineReason, path: ['reason'] });
export type TRespondCohost = z.infer<typeof ZRespondCohost>;

/** Searching the bases an event may invite as co-hosts: words of a name or register number, paged. */
export const ZCohostSearch = z.object({
  q: z.string().trim().max(50, { error: '搜索词不超过 50 字' }).default(''),
  page: z.number().int().min(1).max(1000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
