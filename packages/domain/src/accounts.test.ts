import { describe, expect, it } from 'vitest';
import { findPasswordProblem, ZPassword, ZRegisterInput } from './accounts.ts';

describe('password policy', () => {
  it.each([
    ['short1', 'short'],
    ['aaaaaaaaaa', 'repeated'],
    ['1212121212', 'repeated'],
    ['1234567890', 'sequence'],
    ['abcdefghij', 'sequence'],
    ['Abcdefghijk1', 'sequence'],
    ['qwertyuiop1', 'sequence'],
    ['Password1234', 'common'],
    ['!Qwerty2024!', 'common'],
    ['onlyletterss', 'mix'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(findPasswordProblem(password)).toBe(problem);
  });

  it('refuses a password built on the email name', () => {
    expect(findPasswordProblem('Zhangwei-2024', 'zhangwei@example.org')).toBe('email');
    expect(findPasswordProblem('Zhangwei-2024', 'li@example.org')).toBeNull();
  });

  it('keeps the demo password and ordinary strong ones valid', () => {
    for (const ok of ['Demo-2022-ssb', 'Secret-pass-2022', 'Register-2022-ok', 'Expert-pass-2022']) expect(findPasswordProblem(ok)).toBeNull();
  });

  it('answers in Chinese through the shared schemas', () => {
    expect(ZPassword.safeParse('1234567890').error?.issues[0]?.message).toContain('连续');
    const registration = ZRegisterInput.shape.user.safeParse({ name: '王老师', email: 'wanglaoshi@example.org', mobile: '13800138000', password: 'Wanglaoshi-88' });
    expect(registration.error?.issues[0]).toMatchObject({ path: ['password'], message: '密码不能包含邮箱名' });
  });
});
