import { BASE_TERM_YEARS, type BaseStatus } from './bases.ts';
import { baseValidUntil } from './register.ts';
import { beijingToday } from './time.ts';

/**
 * A named base's term (建设期): five years, to and including `validUntil` (a Beijing calendar day).
 * Reminders fall 12, 6 and 3 months before it; a campaign lets the bases whose term ends around it
 * re-apply (复核/重新申报) through a shortened path; a renewal that is named extends the same term.
 */

/** The refusals of a re-application a person may meet, catalogued by key (`@ssb/domain/messages`). */
export const RENEWAL_MESSAGES = {
  renewalOwnUnitOnly: '只能为本单位的基地办理重新申报',
  renewalRevoked: '该基地已被撤销命名，不能重新申报',
  renewalOutsideWindow: '该基地的有效期不在本年度的重新申报范围内',
  renewalAlreadyStarted: '本年度已为该基地发起重新申报，请在“我的申报”中继续填写',
  renewalChooseRecommender: '请选择推荐单位',
} as const;

/** Months before `validUntil` on which the base's managers are reminded, largest first. */
export const TERM_MILESTONES = [12, 6, 3] as const;
export type TermMilestone = (typeof TERM_MILESTONES)[number];

const DAY_MS = 86400_000;
const parseDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const utcOf = (day: string) => {
  const { y, m, d } = parseDay(day);
  return Date.UTC(y, m - 1, d);
};
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => dayOf(utcOf(day) + days * DAY_MS);

/** The same day `months` earlier (or later, negative), clamped to the month's end: 31 May − 3 months = 28/29 Feb. */
export function shiftMonths(day: string, months: number) {
  const { y, m, d } = parseDay(day);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(year, month, Math.min(d, last)));
}

/** The Beijing day on which a milestone's reminder becomes due. */
export const milestoneDay = (validUntil: string, milestone: TermMilestone) => shiftMonths(validUntil, milestone);

/** The first day of the term that ends on `validUntil` (the naming day for a first term). */
export const termStartsOn = (validUntil: string) => shiftMonths(addDays(validUntil, 1), BASE_TERM_YEARS * 12);

/** Whole days from `today` to the last valid day: 0 on the last day itself, negative once lapsed. */
export const daysLeft = (validUntil: string, today: string) => Math.round((utcOf(validUntil) - utcOf(today)) / DAY_MS);

/** Whole calendar months left (a month counts once the same day of the month is reached); 0 within the last month. */
export function monthsLeft(validUntil: string, today: string) {
  if (validUntil < today) return 0;
  let months = 0;
  while (shiftMonths(validUntil, months + 1) >= today) months++;
  return months;
}

/**
 * The milestone whose reminder is due today: the latest one reached while the term still runs. A base
 * first seen four months before its end gets the 6-month reminder only, never a backlog of three.
 */
export function dueMilestone(validUntil: string, today: string): TermMilestone | null {
  if (today > validUntil) return null;
  let due: TermMilestone | null = null;
  for (const m of TERM_MILESTONES) if (today >= milestoneDay(validUntil, m)) due = m;
  return due;
}

export type TermCountdown = {
  termStartsOn: string;
  validUntil: string;
  daysLeft: number;
  monthsLeft: number;
  /** The last milestone reached (12, 6 or 3 months), null before the first or after the end. */
  milestone: TermMilestone | null;
  isLapsed: boolean;
};

export function termCountdown(validUntil: string, now = new Date()): TermCountdown {
  const today = beijingToday(now);
  return {
    termStartsOn: termStartsOn(validUntil),
    validUntil,
    daysLeft: daysLeft(validUntil, today),
    monthsLeft: monthsLeft(validUntil, today),
    milestone: dueMilestone(validUntil, today),
    isLapsed: validUntil < today,
  };
}

/** "Expiring within 12 months" in the office's register: the term ends between today and a year on. */
export const expiringWithin12MonthsUntil = (today: string) => shiftMonths(today, -12);
export const isExpiringWithin12Months = (validUntil: string, today: string) => validUntil >= today && validUntil <= expiringWithin12MonthsUntil(today);

/**
 * The re-application window of the campaign of `campaignYear` (its naming falls in that year): a base
 * whose term ends on or before 31 December of the following year may re-apply in it, so a base named in
 * 2022 (valid until 2027-05-29) re-applies in the 2026 or the 2027 campaign and never goes uncovered for
 * a season. A revoked base never re-applies; an expired one still may in the campaign after its lapse
 * (its term ended in the campaign's previous year or later); a title that lapsed longer ago applies anew.
 */
export function reapplicationWindow(campaignYear: number) {
  return { lapsedSince: `${campaignYear - 1}-01-01`, endsBy: `${campaignYear + 1}-12-31` };
}

export function isInReapplicationWindow(base: { status: BaseStatus; validUntil: string }, campaignYear: number) {
  const window = reapplicationWindow(campaignYear);
  if (base.status === 'revoked') return false;
  if (base.validUntil > window.endsBy) return false;
  if (base.status === 'expired') return base.validUntil >= window.lapsedSince;
  return true;
}

/**
 * The term a named renewal gives: continuous with the current one when it is named before the old term
 * ends (old `validUntil` + 5 years, no day lost or gained), else five years from the naming day.
 */
export function renewedValidUntil(oldValidUntil: string, namedOn: string) {
  const nextStart = addDays(oldValidUntil, 1);
  return baseValidUntil(nextStart > namedOn ? nextStart : namedOn);
}
