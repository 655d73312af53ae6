import { describe, expect, it } from 'vitest';
import { campaignStatus, currentCampaign, currentStage, openPhases, orderedPhases, phaseStatus, timetableProblems, TIMETABLE_MESSAGES } from './campaign-timetable.ts';
import type { PhaseKey } from './phases.ts';

const phases: { key: PhaseKey; startsAt: string; endsAt: string }[] = [
  { key: 'recommendation', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'application', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'intake', startsAt: '2022-04-09T00:00:00+08:00', endsAt: '2022-04-14T23:59:59+08:00' },
];
const at = (iso: string) => Date.parse(iso);

describe('a phase and a campaign at a moment', () => {
  it('reads the status against Beijing-time bounds, both inclusive', () => {
    const application = phases[1]!;
    expect(phaseStatus(application, new Date('2022-03-22T23:59:59+08:00'))).toBe('upcoming');
    expect(phaseStatus(application, at('2022-03-23T00:00:00+08:00'))).toBe('open');
    expect(phaseStatus(application, at('2022-04-08T23:59:59+08:00'))).toBe('open');
    expect(phaseStatus(application, at('2022-04-09T00:00:00+08:00'))).toBe('closed');
  });
  it('orders phases by start, then as the notice lists them', () => {
    expect(orderedPhases(phases).map((p) => p.key)).toEqual(['application', 'recommendation', 'intake']);
    expect(openPhases(phases, at('2022-04-10T12:00:00+08:00')).map((p) => p.key)).toEqual(['intake']);
  });
  it('sums up the campaign and names its stage', () => {
    expect(campaignStatus(phases, new Date('2022-01-01'))).toBe('upcoming');
    expect(campaignStatus(phases, at('2022-04-01T00:00:00+08:00'))).toBe('open');
    expect(campaignStatus(phases, new Date('2023-01-01'))).toBe('closed');
    expect(campaignStatus([], 0)).toBe('upcoming');
    expect(currentStage(phases, at('2022-04-01T12:00:00+08:00'))).toEqual({ kind: 'phase', key: 'application' });
    expect(currentStage(phases, at('2022-04-10T12:00:00+08:00'))).toEqual({ kind: 'phase', key: 'intake' });
    expect(currentStage([phases[1]!, { key: 'review', startsAt: '2022-05-01T00:00:00+08:00', endsAt: '2022-05-10T00:00:00+08:00' }], at('2022-04-20T00:00:00+08:00'))).toEqual({ kind: 'between' });
    expect(currentStage(phases, at('2021-01-01T00:00:00+08:00'))).toEqual({ kind: 'notStarted' });
    expect(currentStage(phases, at('2031-01-01T00:00:00+08:00'))).toEqual({ kind: 'ended' });
    expect(currentStage([], 0)).toEqual({ kind: 'none' });
  });
});

describe('the current campaign', () => {
  const c2022 = { year: 2022, phases: [phases[1]!] };
  const c2023 = { year: 2023, phases: [{ startsAt: '2023-03-01T00:00:00+08:00', endsAt: '2023-12-31T23:59:59+08:00' }] };
  const demo = { year: 2027, isDemo: true, phases: [{ startsAt: '2023-01-01T00:00:00+08:00', endsAt: '2027-12-31T23:59:59+08:00' }] };

  it('is the one under way, a real one before a demo one', () => {
    expect(currentCampaign([demo, c2023, c2022], at('2023-06-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([demo, c2022], at('2024-06-01T00:00:00+08:00'))?.year).toBe(2027);
  });
  it('else the next to open, else the newest year', () => {
    expect(currentCampaign([c2023, c2022], at('2022-12-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([c2022, c2023], at('2030-01-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([{ year: 2021, phases: [] }, { year: 2024, phases: [] }])?.year).toBe(2024);
    expect(currentCampaign([])).toBeNull();
    expect(currentCampaign(undefined)).toBeNull();
  });
});

describe('the office timetable', () => {
  it('needs the application and recommendation phases, each ending after it starts', () => {
    expect(timetableProblems(phases)).toEqual([]);
    expect(timetableProblems([phases[2]!])).toEqual([TIMETABLE_MESSAGES.requiredMissing]);
    expect(timetableProblems([...phases, { key: 'review', startsAt: '2022-05-01T00:00:00+08:00', endsAt: '2022-05-01T00:00:00+08:00' }])).toEqual([
      TIMETABLE_MESSAGES.endBeforeStart,
    ]);
  });
});
