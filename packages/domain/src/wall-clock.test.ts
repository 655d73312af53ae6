import { describe, expect, it } from 'vitest';
import { fromWallClock, toWallClock } from './time.ts';

describe('Beijing wall-clock times of the pickers', () => {
  it('sends what was picked as +08:00, whatever the computer’s zone', () => {
    expect(fromWallClock('2026-06-13 09:30:00')).toBe('2026-06-13T09:30:00+08:00');
    expect(fromWallClock('2026-06-13 09:30')).toBe('2026-06-13T09:30:00+08:00');
    expect(fromWallClock(' 2027-04-08T23:59:59 ')).toBe('2027-04-08T23:59:59+08:00');
  });

  it('refuses what is not a real time instead of rolling it over', () => {
    for (const bad of ['', null, undefined, '下周六', '2027-02-30 10:00', '2027-04-08 25:00', '2027-4-8 10:00']) expect(fromWallClock(bad)).toBeNull();
  });

  it('shows a stored instant on Beijing’s clock', () => {
    expect(toWallClock('2026-06-13T01:30:00Z')).toBe('2026-06-13 09:30:00');
    expect(toWallClock('2026-06-13T23:30:00-05:00')).toBe('2026-06-14 12:30:00');
    expect(toWallClock(fromWallClock('2026-12-31 23:59:00')!)).toBe('2026-12-31 23:59:00');
    expect(toWallClock('junk')).toBe('');
  });
});
