import { PROGRAMME_TIME_ZONE } from './time.ts';

/**
 * Events a base holds (lectures, exhibitions, study tours, open days), shown on its public page.
 * No zod here: the public site imports these labels and the period formatting on its home page.
 */
export const EVENT_KINDS = ['lecture', 'exhibition', 'study_tour', 'open_day', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, { zh: string; en: string }> = {
  lecture: { zh: '讲座', en: 'Lecture' },
  exhibition: { zh: '展览', en: 'Exhibition' },
  study_tour: { zh: '研学', en: 'Study tour' },
  open_day: { zh: '开放日', en: 'Open day' },
  other: { zh: '其他', en: 'Other' },
};

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_STATUS_LABELS: Record<EventStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/**
 * Moves of an event. Only a published event can be cancelled, so a cancelled event has always been
 * public and stays public, marked 已取消, for those who planned to come; it is never reopened.
 */
export const EVENT_ACTIONS = {
  publish: { from: ['draft'], to: 'published' },
  cancel: { from: ['published'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly EventStatus[]; to: EventStatus }>;
export type EventAction = keyof typeof EVENT_ACTIONS;

/** The moves open to an event; none once it is over (there is nothing left to announce or call off). */
export const eventActionsFor = (status: EventStatus, isOver = false): EventAction[] =>
  isOver ? [] : (Object.keys(EVENT_ACTIONS) as EventAction[]).filter((a) => (EVENT_ACTIONS[a].from as readonly string[]).includes(status));

/** Drafts and published events may be edited; a cancelled one is kept as it was announced. */
export const isEventEditable = (status: EventStatus) => status !== 'cancelled';

const parts = (at: Date, locale: 'zh-CN' | 'en') =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: PROGRAMME_TIME_ZONE,
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(at);
const clock = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: PROGRAMME_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const beijingDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE }).format(at);

/**
 * When an event takes place, on Beijing's clock whatever the reader's zone:
 * "2026年6月13日周六 09:30–11:30" on one day, "2026年6月13日周六 09:30 – 2026年7月12日周日 17:00" across days.
 */
export function formatEventPeriod(startsAt: Date | string, endsAt: Date | string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (beijingDay(start) === beijingDay(end)) return `${parts(start, locale)} ${clock(start)}–${clock(end)}`;
  return `${parts(start, locale)} ${clock(start)} – ${parts(end, locale)} ${clock(end)}`;
}
