import { z } from 'zod';
import type { OpeningHours } from './bases.ts';
import { PROGRAMME_TIME_ZONE } from './time.ts';

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

/** Whether a base is open at an instant, reading its hours on Beijing's clock whatever the viewer's zone. */
export function isOpenAt(hours: OpeningHours, at: Date | BeijingClock): boolean {
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

