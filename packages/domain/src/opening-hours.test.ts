import { describe, expect, it } from 'vitest';
import { beijingClock, hoursByWeekday, isOpenAt, ZOpeningHours } from './opening-hours.ts';

const TUE_TO_SUN = [2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));

describe('opening hours on Beijing time', () => {
  it('reads the weekday and time on a Beijing clock whatever the instant is written in', () => {
    // 2026-11-30 is a Monday; 17:30 UTC on Sunday is 01:30 on Monday in Beijing.
    expect(beijingClock(new Date('2026-11-29T17:30:00Z'))).toEqual({ weekday: 1, time: '01:30' });
    expect(beijingClock(new Date('2026-11-29T08:00:00+08:00'))).toEqual({ weekday: 7, time: '08:00' });
  });

  it('is open inside a period and closed at the closing minute, on closed days and at night', () => {
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-01T09:00:00+08:00'))).toBe(true); // Tuesday opening
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-01T16:59:00+08:00'))).toBe(true);
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-01T17:00:00+08:00'))).toBe(false);
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-11-30T10:00:00+08:00'))).toBe(false); // Monday closed
    // 02:00 UTC Tuesday is 10:00 in Beijing: open, though it is 03:00 Tuesday in Paris.
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-01T02:00:00Z'))).toBe(true);
    expect(isOpenAt([], new Date())).toBe(false);
  });

  it('supports a lunch break as two periods and lists the week in order', () => {
    const hours = [
      { weekday: 3, opens: '13:30', closes: '17:00' },
      { weekday: 3, opens: '09:00', closes: '11:30' },
    ];
    expect(isOpenAt(hours, new Date('2026-12-02T12:00:00+08:00'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-12-02T14:00:00+08:00'))).toBe(true);
    const week = hoursByWeekday(hours);
    expect(week).toHaveLength(7);
    expect(week[2]!.periods.map((p) => p.opens)).toEqual(['09:00', '13:30']);
    expect(week[0]!.periods).toEqual([]);
  });

  it('refuses periods that close before they open or use a wrong time format, in Chinese', () => {
    const bad = ZOpeningHours.safeParse([{ weekday: 1, opens: '18:00', closes: '09:00' }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('闭馆时间应晚于开放时间');
    expect(ZOpeningHours.safeParse([{ weekday: 1, opens: '9:00', closes: '17:00' }]).success).toBe(false);
    expect(ZOpeningHours.safeParse([{ weekday: 8, opens: '09:00', closes: '17:00' }]).success).toBe(false);
  });
});
