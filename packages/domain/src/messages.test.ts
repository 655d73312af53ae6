import { describe, expect, it } from 'vitest';
import { AUTH_MESSAGES } from './auth-messages.ts';
import { MESSAGE_CATALOGUE, messageKeyOf } from './messages.ts';

describe('message catalogue', () => {
  it('gives every message one key: no two keys share a text', () => {
    const texts = Object.values(MESSAGE_CATALOGUE);
    expect(new Set(texts).size).toBe(texts.length);
  });
  it('finds the key of a catalogued text, and none for any other', () => {
    expect(messageKeyOf(AUTH_MESSAGES.loginInvalid)).toBe('loginInvalid');
    expect(messageKeyOf('该活动已取消')).toBeNull();
  });
});
