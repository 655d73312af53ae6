import { describe, expect, it } from 'vitest';
import { BASE_STATUSES } from './bases.ts';
import { baseValidUntil, canChangeBaseStatus, formatBaseNumber, parseBaseNumber, ZObjectionInput } from './register.ts';
import { beijingToday } from './time.ts';

describe('register rules', () => {
  it('numbers bases per batch with three digits, and reads them back', () => {
    expect(formatBaseNumber(2026, 1)).toBe('京科精基地-2026-001');
    expect(formatBaseNumber(2026, 140)).toBe('京科精基地-2026-140');
    expect(formatBaseNumber(2026, 1000)).toBe('京科精基地-2026-1000');
    expect(parseBaseNumber('京科精基地-2022-017')).toEqual({ batchYear: 2022, sequence: 17 });
    expect(parseBaseNumber('京科精基地-2022-17')).toBeNull();
    expect(() => formatBaseNumber(2026, 0)).toThrow();
  });

  it('keeps a title for five years, to the day before the anniversary', () => {
    expect(baseValidUntil('2022-05-30')).toBe('2027-05-29');
    expect(baseValidUntil('2024-02-29')).toBe('2029-02-28');
    expect(baseValidUntil('2023-03-01')).toBe('2028-02-29');
    expect(baseValidUntil('2026-01-01')).toBe('2030-12-31');
  });

  it('reads the calendar day in Beijing, not UTC', () => {
    expect(beijingToday(new Date('2026-05-29T17:00:00Z'))).toBe('2026-05-30');
    expect(beijingToday(new Date('2026-05-29T15:59:00Z'))).toBe('2026-05-29');
  });

  it('allows rectification and back, and treats revoked and expired as final', () => {
    expect(canChangeBaseStatus('active', 'rectification')).toBe(true);
    expect(canChangeBaseStatus('rectification', 'active')).toBe(true);
    expect(canChangeBaseStatus('active', 'revoked')).toBe(true);
    for (const to of BASE_STATUSES) {
      expect(canChangeBaseStatus('revoked', to)).toBe(false);
      expect(canChangeBaseStatus('expired', to)).toBe(false);
    }
    expect(canChangeBaseStatus('active', 'active')).toBe(false);
  });

  it('validates an objection: real name, a phone that can be called, facts and reasons', () => {
    const ok = { noticeId: crypto.randomUUID(), applicationId: crypto.randomUUID(), filerName: '王老师', filerPhone: '138 0013 8000', body: '该馆展陈以设备展示为主，科学家故事内容很少。' };
    expect(ZObjectionInput.safeParse(ok).success).toBe(true);
    expect(ZObjectionInput.safeParse({ ...ok, filerPhone: '010-62345678' }).success).toBe(true);
    const bad = ZObjectionInput.safeParse({ ...ok, filerPhone: '12345', body: '不同意' });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('请填写有效的手机号或固定电话（如 13800138000 或 010-12345678）');
    expect(messages).toContain('异议内容至少 10 个字，请写明事实和理由');
  });
});
