import { describe, expect, it } from 'vitest';
import { ZEventCancel, ZEventFields } from './event-input.ts';
import { EVENT_KIND_LABELS, EVENT_KINDS, eventActionsFor, formatEventPeriod, isEventEditable } from './events.ts';

const LECTURE = {
  kind: 'lecture' as const,
  title: '科学家故事分享会',
  description: '讲解员讲述科学家的成长故事。',
  startsAt: '2026-06-13T09:30:00+08:00',
  endsAt: '2026-06-13T11:30:00+08:00',
  place: '一号报告厅',
  audiences: ['secondary' as const],
  capacity: 80,
  bookingInfo: '电话预约',
};

describe('base events', () => {
  it('names every kind in Chinese, with 讲座 展览 研学 开放日 其他', () => {
    expect(EVENT_KINDS.map((k) => EVENT_KIND_LABELS[k].zh)).toEqual(['讲座', '展览', '研学', '开放日', '其他']);
  });

  it('publishes drafts, cancels published events, never reopens a cancelled one, and leaves events that are over alone', () => {
    expect(eventActionsFor('draft')).toEqual(['publish']);
    expect(eventActionsFor('published')).toEqual(['cancel']);
    expect(eventActionsFor('cancelled')).toEqual([]);
    expect(eventActionsFor('draft', true)).toEqual([]);
    expect(eventActionsFor('published', true)).toEqual([]);
    expect(isEventEditable('published')).toBe(true);
    expect(isEventEditable('cancelled')).toBe(false);
  });

  it('shows the period on Beijing clock, one day or across days', () => {
    expect(formatEventPeriod(LECTURE.startsAt, LECTURE.endsAt)).toBe('2026年6月13日周六 09:30–11:30');
    // 01:30 UTC is already 09:30 in Beijing, whatever the reader's own zone.
    expect(formatEventPeriod('2026-06-13T01:30:00Z', '2026-07-12T09:00:00Z')).toBe('2026年6月13日周六 09:30 – 2026年7月12日周日 17:00');
    expect(formatEventPeriod(LECTURE.startsAt, LECTURE.endsAt, 'en')).toBe('Sat, 13 Jun 2026 09:30–11:30');
  });

  it('accepts an event ending when or after it starts, and refuses one ending before, in Chinese', () => {
    expect(ZEventFields.safeParse(LECTURE).success).toBe(true);
    expect(ZEventFields.safeParse({ ...LECTURE, endsAt: LECTURE.startsAt, capacity: null }).success).toBe(true);
    // Same instant written in another offset still compares as instants, not as text.
    expect(ZEventFields.safeParse({ ...LECTURE, endsAt: '2026-06-13T02:00:00Z' }).success).toBe(true);
    const early = ZEventFields.safeParse({ ...LECTURE, endsAt: '2026-06-13T09:00:00+08:00' });
    expect(early.error?.issues).toEqual([expect.objectContaining({ path: ['endsAt'], message: '结束时间不能早于开始时间' })]);
  });

  it('explains each bad field in Chinese', () => {
    const result = ZEventFields.safeParse({ ...LECTURE, kind: 'party', title: '讲', place: ' ', capacity: 0, startsAt: '下周六' });
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ kind: '请选择活动类型', title: '活动名称至少 2 个字', place: '请填写活动地点', capacity: '名额至少为 1', startsAt: '请选择开始时间' });
  });

  it('takes a cancellation with an optional reason', () => {
    const id = '7f1c1d2e-9b1a-4c1e-8f00-0a0b0c0d0e0f';
    expect(ZEventCancel.parse({ eventId: id })).toEqual({ eventId: id, reason: '' });
    expect(ZEventCancel.safeParse({ eventId: id, reason: '改'.repeat(201) }).success).toBe(false);
  });
});
