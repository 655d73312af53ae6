import type { PublicNoticeStatus } from './selection.ts';

/** The 公示's rules, read by the server (which enforces them) and sent to the office's pages as actions. */
type NoticeTimes = { status: PublicNoticeStatus | string; startsAt: Date | string; endsAt: Date | string };
const ms = (value: Date | string) => new Date(value).getTime();

/** Objections are taken while a published notice's period runs. */
export const isNoticeOpenForObjections = (notice: NoticeTimes, now: Date = new Date()) =>
  notice.status === 'published' && ms(notice.startsAt) <= now.getTime() && now.getTime() < ms(notice.endsAt);

/** A published notice whose period has not begun yet waits, hidden from the public. */
export const isNoticeScheduled = (notice: NoticeTimes, now: Date = new Date()) => notice.status !== 'draft' && ms(notice.startsAt) > now.getTime();

export type NoticeAction = 'edit' | 'publish' | 'close';

/** What the office may do with a notice now: edit or publish a draft; close a published one once its period is over. */
export function noticeActions(notice: NoticeTimes, now: Date = new Date()): NoticeAction[] {
  if (notice.status === 'draft') return ms(notice.endsAt) > now.getTime() ? ['edit', 'publish'] : ['edit'];
  if (notice.status === 'published' && ms(notice.endsAt) <= now.getTime()) return ['close'];
  return [];
}
