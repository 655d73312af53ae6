import { describe, expect, it } from 'vitest';
import { campaignStatus, latestCampaign, openPhases, orderedPhases, phaseStatus, type CampaignPhase } from './campaign.ts';
import { safeRedirect } from './redirect.ts';
import { hasOnlyAdminRoles } from './roles.ts';
import { usccFeedback } from './uscc-feedback.ts';
import { makeUscc } from '@ssb/domain/uscc';

const phases: CampaignPhase[] = [
  { key: 'recommendation', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'application', startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' },
  { key: 'intake', startsAt: '2022-04-09T00:00:00+08:00', endsAt: '2022-04-14T23:59:59+08:00' },
];

describe('campaign phases', () => {
  it('reads the status at a moment in Beijing time', () => {
    const application = phases[1]!;
    expect(phaseStatus(application, new Date('2022-03-22T23:59:59+08:00'))).toBe('upcoming');
    expect(phaseStatus(application, new Date('2022-03-23T00:00:00+08:00'))).toBe('open');
    expect(phaseStatus(application, new Date('2022-04-08T23:59:59+08:00'))).toBe('open');
    expect(phaseStatus(application, new Date('2022-04-09T00:00:00+08:00'))).toBe('closed');
  });
  it('orders phases by start, then as the notice lists them', () => {
    expect(orderedPhases(phases).map((p) => p.key)).toEqual(['application', 'recommendation', 'intake']);
    expect(openPhases(phases, new Date('2022-04-10T12:00:00+08:00')).map((p) => p.key)).toEqual(['intake']);
  });
  it('sums up the campaign', () => {
    expect(campaignStatus(phases, new Date('2022-01-01'))).toBe('upcoming');
    expect(campaignStatus(phases, new Date('2022-04-01'))).toBe('open');
    expect(campaignStatus(phases, new Date('2023-01-01'))).toBe('closed');
  });
  it('picks the latest year', () => {
    expect(latestCampaign([{ year: 2022 }, { year: 2023 }, { year: 2021 }])?.year).toBe(2023);
    expect(latestCampaign([])).toBeNull();
  });
});

describe('redirects', () => {
  it('follows only paths inside the app', () => {
    expect(safeRedirect('/messages?x=1')).toBe('/messages?x=1');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect('/login?redirect=/')).toBe('/');
  });
});

describe('roles', () => {
  it('recognises users who belong in the admin console', () => {
    expect(hasOnlyAdminRoles([{ role: 'office' }, { role: 'expert' }])).toBe(true);
    expect(hasOnlyAdminRoles([{ role: 'office' }, { role: 'applicant' }])).toBe(false);
    expect(hasOnlyAdminRoles([])).toBe(false);
  });
});

describe('USCC feedback', () => {
  it('reports progress, bad characters and the check character', () => {
    const valid = makeUscc(12345);
    expect(usccFeedback('')).toEqual({ state: 'empty' });
    expect(usccFeedback(valid.slice(0, 10))).toEqual({ state: 'incomplete', remaining: 8 });
    expect(usccFeedback('12110000O')).toEqual({ state: 'invalid', problem: 'characters' });
    expect(usccFeedback(valid.toLowerCase())).toEqual({ state: 'valid' });
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(usccFeedback(wrongCheck)).toEqual({ state: 'invalid', problem: 'check' });
  });
});
