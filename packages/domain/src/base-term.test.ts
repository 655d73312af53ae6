import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  dueMilestone,
  isExpiringWithin12Months,
  isInReapplicationWindow,
  milestoneDay,
  monthsLeft,
  reapplicationWindow,
  renewedValidUntil,
  shiftMonths,
  termCountdown,
  termStartsOn,
} from './base-term.ts';

describe('a base’s term', () => {
  it('runs five years from the naming day to validUntil', () => {
    expect(termStartsOn('2027-05-29')).toBe('2022-05-30');
    expect(termStartsOn('2030-12-31')).toBe('2026-01-01');
  });

  it('shifts months clamped to the end of the month', () => {
    expect(shiftMonths('2027-05-29', 12)).toBe('2026-05-29');
    expect(shiftMonths('2027-05-31', 3)).toBe('2027-02-28');
    expect(shiftMonths('2028-05-31', 3)).toBe('2028-02-29');
    expect(shiftMonths('2027-01-15', 1)).toBe('2026-12-15');
    expect(shiftMonths('2026-12-15', -1)).toBe('2027-01-15');
  });

  it('falls due 12, 6 and 3 months before validUntil, the latest reached only', () => {
    expect(milestoneDay('2027-05-29', 12)).toBe('2026-05-29');
    expect(milestoneDay('2027-05-29', 6)).toBe('2026-11-29');
    expect(milestoneDay('2027-05-29', 3)).toBe('2027-02-28');
    expect(dueMilestone('2027-05-29', '2026-05-28')).toBeNull();
    expect(dueMilestone('2027-05-29', '2026-05-29')).toBe(12);
    expect(dueMilestone('2027-05-29', '2026-11-28')).toBe(12);
    expect(dueMilestone('2027-05-29', '2026-11-29')).toBe(6);
    // First seen four months before the end: the 6-month reminder, not a backlog.
    expect(dueMilestone('2027-05-29', '2027-01-29')).toBe(6);
    expect(dueMilestone('2027-05-29', '2027-02-28')).toBe(3);
    expect(dueMilestone('2027-05-29', '2027-05-29')).toBe(3);
    expect(dueMilestone('2027-05-29', '2027-05-30')).toBeNull();
  });

  it('counts down on Beijing’s calendar, not UTC’s', () => {
    // 16:00 UTC on 28 November is already midnight of 29 November in Beijing: the 6-month day.
    expect(termCountdown('2027-05-29', new Date('2026-11-28T15:59:59Z')).milestone).toBe(12);
    expect(termCountdown('2027-05-29', new Date('2026-11-28T16:00:00Z')).milestone).toBe(6);
    const lastDay = termCountdown('2027-05-29', new Date('2027-05-29T15:59:59Z'));
    expect(lastDay).toMatchObject({ daysLeft: 0, monthsLeft: 0, isLapsed: false, termStartsOn: '2022-05-30' });
    const after = termCountdown('2027-05-29', new Date('2027-05-29T16:00:00Z'));
    expect(after).toMatchObject({ daysLeft: -1, isLapsed: true, milestone: null });
  });

  it('counts days and whole months left', () => {
    expect(daysLeft('2027-05-29', '2026-12-04')).toBe(176);
    expect(monthsLeft('2027-05-29', '2026-12-04')).toBe(5);
    expect(monthsLeft('2027-05-29', '2026-11-29')).toBe(6);
    expect(monthsLeft('2027-05-29', '2027-05-01')).toBe(0);
    expect(monthsLeft('2027-05-29', '2028-01-01')).toBe(0);
  });

  it('flags terms ending within the next 12 months, bounds included', () => {
    expect(isExpiringWithin12Months('2027-05-29', '2026-05-29')).toBe(true);
    expect(isExpiringWithin12Months('2027-05-29', '2026-05-28')).toBe(false);
    expect(isExpiringWithin12Months('2027-05-29', '2027-05-29')).toBe(true);
    expect(isExpiringWithin12Months('2027-05-29', '2027-05-30')).toBe(false);
  });
});

describe('the re-application window of a campaign', () => {
  it('covers terms ending by the end of the year after the campaign', () => {
    expect(reapplicationWindow(2027)).toEqual({ lapsedSince: '2026-01-01', endsBy: '2028-12-31' });
    const base2022 = { status: 'active' as const, validUntil: '2027-05-29' };
    expect(isInReapplicationWindow(base2022, 2025)).toBe(false);
    expect(isInReapplicationWindow(base2022, 2026)).toBe(true);
    expect(isInReapplicationWindow(base2022, 2027)).toBe(true);
    expect(isInReapplicationWindow({ status: 'active', validUntil: '2028-12-31' }, 2027)).toBe(true);
    expect(isInReapplicationWindow({ status: 'active', validUntil: '2029-01-01' }, 2027)).toBe(false);
    expect(isInReapplicationWindow({ status: 'rectification', validUntil: '2027-05-29' }, 2027)).toBe(true);
  });

  it('never lets a revoked base re-apply, and an expired one only in the campaign after its lapse', () => {
    expect(isInReapplicationWindow({ status: 'revoked', validUntil: '2027-05-29' }, 2027)).toBe(false);
    expect(isInReapplicationWindow({ status: 'expired', validUntil: '2027-05-29' }, 2028)).toBe(true);
    expect(isInReapplicationWindow({ status: 'expired', validUntil: '2027-05-29' }, 2029)).toBe(false);
  });
});

describe('a named renewal', () => {
  it('continues the term when named before it ends', () => {
    expect(renewedValidUntil('2027-05-29', '2027-05-20')).toBe('2032-05-29');
    expect(renewedValidUntil('2027-05-29', '2026-06-01')).toBe('2032-05-29');
    expect(renewedValidUntil('2027-05-29', '2027-05-29')).toBe('2032-05-29');
  });

  it('starts a new term on the naming day once the old one has lapsed', () => {
    expect(renewedValidUntil('2027-05-29', '2027-05-30')).toBe('2032-05-29');
    expect(renewedValidUntil('2027-05-29', '2028-05-30')).toBe('2033-05-29');
    expect(renewedValidUntil('2024-02-28', '2024-02-29')).toBe('2029-02-28');
  });
});
