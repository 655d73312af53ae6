import { describe, expect, it } from 'vitest';
import { beijingClock, closureOn, hoursByWeekday, isOpenAt, upcomingClosures, ZBaseClosures, ZOpeningHours } from './opening-hours.ts';

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

  it('closes a base on the Beijing days of a closure, whatever its hours, and lists the closures to come', () => {
    const closures = [
      { startsOn: '2026-12-02', endsOn: '2026-12-03', note: '展厅改陈' },
      { startsOn: '2026-10-01', endsOn: '2026-10-07', note: '国庆假期闭馆' },
    ];
    // Wednesday 10:00 in Beijing is within the hours, and within the first closure.
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-02T10:00:00+08:00'))).toBe(true);
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-02T10:00:00+08:00'), closures)).toBe(false);
    // 23:30 UTC on 3 December is 07:30 on the 4th in Beijing: the closure is over there.
    expect(closureOn(closures, '2026-12-04')).toBeNull();
    expect(isOpenAt(TUE_TO_SUN, new Date('2026-12-04T01:30:00Z'), closures)).toBe(true);
    expect(upcomingClosures(closures, '2026-09-30').map((c) => c.note)).toEqual(['国庆假期闭馆', '展厅改陈']);
    expect(upcomingClosures(closures, '2026-12-03').map((c) => c.note)).toEqual(['展厅改陈']);
    const bad = ZBaseClosures.safeParse([{ startsOn: '2026-12-05', endsOn: '2026-12-01', note: '倒置' }]);
    expect(bad.error?.issues[0]?.message).toBe('结束日期不能早于开始日期');
    expect(ZBaseClosures.safeParse([{ startsOn: '2026-12-05', endsOn: '2026-12-06', note: ' ' }]).success).toBe(false);
  });
});
