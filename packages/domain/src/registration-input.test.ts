import { describe, expect, it } from 'vitest';
import { isRegistrationOpen, pickFromWaitingList, ZCheckIn, ZEventRegister } from './registration-input.ts';

describe('waiting list', () => {
  const queue = [
    { id: 'a', seats: 3 },
    { id: 'b', seats: 5 },
    { id: 'c', seats: 1 },
    { id: 'd', seats: 2 },
  ];
  it('offers in order of arrival, all or nothing per entry, skipping an entry too large for what is left', () => {
    expect(pickFromWaitingList(4, queue).map((e) => e.id)).toEqual(['a', 'c']);
    expect(pickFromWaitingList(8, queue).map((e) => e.id)).toEqual(['a', 'b']);
    expect(pickFromWaitingList(2, queue).map((e) => e.id)).toEqual(['c']);
    expect(pickFromWaitingList(0, queue)).toEqual([]);
  });
});

describe('registration rules', () => {
  const event = { registrationEnabled: true, registrationOpensAt: new Date('2026-05-01T00:00:00+08:00'), registrationClosesAt: null, startsAt: new Date('2026-05-30T09:00:00+08:00'), status: 'published' };
  it('is open inside its window and closes when the event starts unless told otherwise', () => {
    expect(isRegistrationOpen(event, new Date('2026-04-30T23:59:00+08:00'))).toBe(false);
    expect(isRegistrationOpen(event, new Date('2026-05-10T10:00:00+08:00'))).toBe(true);
    expect(isRegistrationOpen(event, new Date('2026-05-30T09:00:00+08:00'))).toBe(false);
    expect(isRegistrationOpen({ ...event, status: 'cancelled' }, new Date('2026-05-10T10:00:00+08:00'))).toBe(false);
  });
  it('takes a mobile number and a door code in any case, and refuses a bad one in Chinese', () => {
    const bad = ZEventRegister.safeParse({ eventId: '7f1c3c8e-8a57-4c1a-9a55-4b8f1f9d2a10', name: '王老师', phone: '12345', seats: 2 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('请输入11位手机号码');
    expect(ZCheckIn.parse({ eventId: '7f1c3c8e-8a57-4c1a-9a55-4b8f1f9d2a10', code: ' k7m2pq ' }).code).toBe('K7M2PQ');
  });
});
