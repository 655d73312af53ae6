import { describe, expect, it } from 'vitest';
import { addDays, addMonths, monthWeeks, pickDay, weekdayOf } from './calendar.ts';

describe('availability calendar', () => {
  it('lays a month out in weeks from Monday, with blanks before the 1st and after the last day', () => {
    const weeks = monthWeeks('2026-12-15');
    expect(weeks[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(monthWeeks('2024-02-10').flat().filter(Boolean)).toHaveLength(29);
  });

  it('steps days across months and years, and months to the last day of a shorter month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-15', -1)).toBe('2026-12-15');
    expect(weekdayOf('2026-12-06')).toBe(6);
  });

  it('takes a first click as the start and a later one as the end; an earlier day starts again', () => {
    const start = pickDay({ startsOn: '', endsOn: '' }, '2026-12-10');
    expect(start).toEqual({ startsOn: '2026-12-10', endsOn: '' });
    expect(pickDay(start, '2026-12-12')).toEqual({ startsOn: '2026-12-10', endsOn: '2026-12-12' });
    expect(pickDay(start, '2026-12-08')).toEqual({ startsOn: '2026-12-08', endsOn: '' });
    expect(pickDay({ startsOn: '2026-12-10', endsOn: '2026-12-12' }, '2026-12-20')).toEqual({ startsOn: '2026-12-20', endsOn: '' });
  });
});
