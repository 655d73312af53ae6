import { describe, expect, it } from 'vitest';
import { isMobilePhone, isPhoneNumber } from './phone.ts';

describe('phone numbers', () => {
  it('accepts mainland mobiles with or without +86 and spaces', () => {
    expect(isMobilePhone('13800138000')).toBe(true);
    expect(isMobilePhone('+86 138 0013 8000')).toBe(true);
    expect(isMobilePhone('12800138000')).toBe(false);
    expect(isMobilePhone('1380013800')).toBe(false);
  });
  it('accepts Beijing landlines with extension as printed in the notice', () => {
    expect(isPhoneNumber('010-84650077-8100')).toBe(true);
    expect(isPhoneNumber('010-69246124')).toBe(true);
    expect(isPhoneNumber('84650077')).toBe(true);
    expect(isPhoneNumber('abc')).toBe(false);
    expect(isPhoneNumber('010-1234')).toBe(false);
  });
});
