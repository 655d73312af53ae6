import { describe, expect, test } from 'vitest';
import { beijingToIso, draftsToPhases, isoToBeijing, toDrafts } from './campaign-phases.ts';

describe('Beijing time conversion', () => {
  test('a Beijing wall-clock time becomes an ISO instant with +08:00', () => {
    expect(beijingToIso('2027-04-08 23:59:59')).toBe('2027-04-08T23:59:59+08:00');
    expect(beijingToIso('2027-04-08 09:00')).toBe('2027-04-08T09:00:00+08:00');
    expect(Date.parse(beijingToIso('2027-04-08 07:30:00')!)).toBe(Date.parse('2027-04-07T23:30:00Z'));
  });

  test('impossible dates and garbage are refused', () => {
    expect(beijingToIso('2027-02-30 10:00:00')).toBeNull();
    expect(beijingToIso('2027-04-08 25:00:00')).toBeNull();
    expect(beijingToIso('next tuesday')).toBeNull();
    expect(beijingToIso('')).toBeNull();
  });

  test('any instant reads back as Beijing time, whatever its offset', () => {
    expect(isoToBeijing('2022-04-08T15:59:59.000Z')).toBe('2022-04-08 23:59:59');
    expect(isoToBeijing('2022-04-08T23:59:59+08:00')).toBe('2022-04-08 23:59:59');
    expect(isoToBeijing('2022-04-08T10:59:59-05:00')).toBe('2022-04-08 23:59:59');
    expect(isoToBeijing('nope')).toBe('');
  });

  test('round trip', () => {
    const iso = '2030-12-31T23:59:59+08:00';
    expect(beijingToIso(isoToBeijing(iso))).toBe(iso);
  });
});

describe('phase editor', () => {
  const phases = [
    { key: 'application' as const, startsAt: '2030-03-01T09:00:00+08:00', endsAt: '2030-04-08T23:59:59+08:00' },
    { key: 'recommendation' as const, startsAt: '2030-03-01T09:00:00+08:00', endsAt: '2030-04-20T23:59:59+08:00' },
    { key: 'review' as const, startsAt: '2030-05-01T09:00:00+08:00', endsAt: '2030-05-20T17:00:00+08:00' },
  ];

  test('drafts have the seven rows, and round-trip to the same phases', () => {
    const drafts = toDrafts(phases);
    expect(drafts.map((d) => d.key)).toEqual(['application', 'recommendation', 'intake', 'review', 'public_notice', 'naming', 'publicity']);
    expect(drafts[0]).toEqual({ key: 'application', start: '2030-03-01 09:00:00', end: '2030-04-08 23:59:59' });
    const back = draftsToPhases(drafts);
    expect(back.errors).toEqual({});
    expect(back.phases).toEqual(phases);
  });

  test('application and recommendation are required; others may be blank', () => {
    const { errors, phases: out } = draftsToPhases(toDrafts([]));
    expect(errors).toEqual({ application: 'required', recommendation: 'required' });
    expect(out).toEqual([]);
  });

  test('half-filled, unreadable and backwards phases are reported per phase', () => {
    const drafts = toDrafts(phases);
    drafts[2]!.start = '2030-04-21 09:00:00';
    drafts[3]!.end = '2030-04-30 09:00:00';
    drafts[4]!.start = '2030-13-01 00:00:00';
    drafts[4]!.end = '2030-06-01 00:00:00';
    drafts[0]!.end = drafts[0]!.start;
    expect(draftsToPhases(drafts).errors).toEqual({ application: 'endBeforeStart', intake: 'incomplete', review: 'endBeforeStart', public_notice: 'invalid' });
  });
});
