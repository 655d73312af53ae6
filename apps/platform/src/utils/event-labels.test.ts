import { describe, expect, it } from 'vitest';
import { beijingMonthDay, eventKindLabel } from './event-labels.ts';

describe('event labels', () => {
  it('names the kinds in the reader’s language', () => {
    expect(eventKindLabel('study_tour', 'zh-CN')).toBe('研学');
    expect(eventKindLabel('open_day', 'en')).toBe('Open day');
    expect(eventKindLabel('unknown', 'zh-CN')).toBe('unknown');
  });

  it('dates the block on Beijing’s calendar, not the reader’s', () => {
    // 17:00 UTC on 12 June is already 13 June in Beijing.
    expect(beijingMonthDay('2026-06-12T17:00:00Z', 'zh-CN')).toEqual({ month: '6月', day: '13' });
    expect(beijingMonthDay('2026-06-12T17:00:00Z', 'en')).toEqual({ month: 'Jun', day: '13' });
  });
});
