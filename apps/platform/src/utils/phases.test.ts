import { describe, expect, it } from 'vitest';
import en from '../locales/langs/en.json';
import zhCN from '../locales/langs/zh-CN.json';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { currentCampaign, phaseStatus } from './phases.ts';

const phase = { startsAt: '2022-03-23T00:00:00+08:00', endsAt: '2022-04-08T23:59:59+08:00' };

describe('phaseStatus', () => {
  it('reads the phase against Beijing-time bounds', () => {
    expect(phaseStatus(phase, Date.parse('2022-03-22T23:59:59+08:00'))).toBe('upcoming');
    expect(phaseStatus(phase, Date.parse('2022-04-08T23:00:00+08:00'))).toBe('active');
    expect(phaseStatus(phase, Date.parse('2022-04-09T00:00:00+08:00'))).toBe('done');
  });
});

describe('currentCampaign', () => {
  const c2022 = { year: 2022, phases: [phase] };
  const c2023 = { year: 2023, phases: [{ startsAt: '2023-03-01T00:00:00+08:00', endsAt: '2023-12-31T23:59:59+08:00' }] };
  const demo = { year: 2027, isDemo: true, phases: [{ startsAt: '2023-01-01T00:00:00+08:00', endsAt: '2027-12-31T23:59:59+08:00' }] };

  it('prefers the campaign under way, a real one before a demo one', () => {
    expect(currentCampaign([demo, c2023, c2022], Date.parse('2023-06-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([demo, c2022], Date.parse('2024-06-01T00:00:00+08:00'))?.year).toBe(2027);
  });
  it('else the next to open, else the latest year', () => {
    expect(currentCampaign([c2023, c2022], Date.parse('2022-12-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([c2022, c2023], Date.parse('2030-01-01T00:00:00+08:00'))?.year).toBe(2023);
    expect(currentCampaign([])).toBeNull();
  });
});

describe('locale files', () => {
  it('name every base category, in the domain order', () => {
    expect(zhCN.home.categories.items).toEqual([...BASE_CATEGORIES]);
    expect(en.home.categories.items).toHaveLength(BASE_CATEGORIES.length);
  });
  it('have the same keys in both languages', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    const zhKeys = new Set(keys(zhCN));
    const enKeys = keys(en).filter((k) => !k.startsWith('bodies.'));
    expect(enKeys.sort()).toEqual([...zhKeys].sort());
  });
});
