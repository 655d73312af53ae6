import { EVENT_KIND_LABELS, type EventKind } from '@ssb/domain/events';
import { PROGRAMME_TIME_ZONE } from '@ssb/domain/time';

type Lang = 'zh-CN' | 'en' | string;

export const eventKindLabel = (kind: string, lang: Lang) => {
  const label = EVENT_KIND_LABELS[kind as EventKind];
  return label ? (lang === 'en' ? label.en : label.zh) : kind;
};

/** The month and day an event starts on Beijing's calendar, for the date block beside it ("6月" / "13"). */
export function beijingMonthDay(at: string | Date, lang: Lang) {
  const parts = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: PROGRAMME_TIME_ZONE, month: 'short', day: 'numeric' }).formatToParts(new Date(at));
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  // zh-CN gives the month as a bare number beside a separate "月".
  return { month: lang === 'en' ? month : `${month}月`, day: parts.find((p) => p.type === 'day')?.value ?? '' };
}
