import { z } from 'zod';
import type { BaseClosure, OpeningHours } from './bases.ts';
import { beijingToday, PROGRAMME_TIME_ZONE } from './time.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const WEEKDAY_LABELS: Record<number, { zh: string; en: string }> = {
  1: { zh: '周一', en: 'Mon' },
  2: { zh: '周二', en: 'Tue' },
  3: { zh: '周三', en: 'Wed' },
  4: { zh: '周四', en: 'Thu' },
  5: { zh: '周五', en: 'Fri' },
  6: { zh: '周六', en: 'Sat' },
  7: { zh: '周日', en: 'Sun' },
};

/** One opening period of a weekday, Beijing time; a day may have several (e.g. a lunch break). */
export const ZOpeningPeriod = z
  .object({
    weekday: z.number().int().min(1, { error: '请选择星期' }).max(7, { error: '请选择星期' }),
    opens: z.string().regex(HHMM, { error: '开放时间格式应为 HH:MM' }),
    closes: z.string().regex(HHMM, { error: '闭馆时间格式应为 HH:MM' }),
  })
  .refine((p) => p.opens < p.closes, { error: '闭馆时间应晚于开放时间', path: ['closes'] });

export const ZOpeningHours = z.array(ZOpeningPeriod).max(28, { error: '开放时段过多' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A closure (闭馆安排): from one Beijing day to another, inclusive, with what the visitor is told. */
export const ZBaseClosure = z
  .object({
    startsOn: z.string().regex(DAY, { error: '请选择闭馆开始日期' }),
    endsOn: z.string().regex(DAY, { error: '请选择闭馆结束日期' }),
    note: z.string().trim().min(1, { error: '请填写闭馆原因，如“春节闭馆”' }).max(60, { error: '闭馆说明不超过 60 字' }),
  })
  .refine((c) => c.startsOn <= c.endsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] });

export const ZBaseClosures = z.array(ZBaseClosure).max(30, { error: '闭馆安排最多 30 条' });

/** The closure covering a Beijing day ("YYYY-MM-DD"), if any. */
export const closureOn = (closures: readonly BaseClosure[], day: string) => closures.find((c) => c.startsOn <= day && day <= c.endsOn) ?? null;

/** Closures not yet over on a Beijing day, soonest first: what the base page lists. */
export const upcomingClosures = (closures: readonly BaseClosure[], today: string) =>
  closures.filter((c) => c.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));

/** Weekday (1 = Monday … 7 = Sunday) and "HH:MM" of an instant as read on a Beijing clock. */
// Built once: constructing an Intl formatter costs far more than formatting with it.
const BEIJING_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: PROGRAMME_TIME_ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export type BeijingClock = { weekday: number; time: string };

export function beijingClock(at: Date): BeijingClock {
  const parts = BEIJING_CLOCK.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, time: `${get('hour')}:${get('minute')}` };
}

/**
 * Whether a base is open at an instant, reading its hours on Beijing's clock whatever the viewer's zone;
 * a closure covering that Beijing day closes it whatever the hours say.
 */
export function isOpenAt(hours: OpeningHours, at: Date | BeijingClock, closures: readonly BaseClosure[] = []): boolean {
  if (at instanceof Date && closures.length > 0 && closureOn(closures, beijingToday(at))) return false;
  const { weekday, time } = at instanceof Date ? beijingClock(at) : at;
  return hours.some((p) => p.weekday === weekday && p.opens <= time && time < p.closes);
}

/** The periods of each weekday in order, for showing a week's hours; days without any are closed. */
export function hoursByWeekday(hours: OpeningHours): Array<{ weekday: number; periods: Array<{ opens: string; closes: string }> }> {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    periods: hours
      .filter((p) => p.weekday === weekday)
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens)),
  }));
}

