import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect.ts';
import { hasOnlyAdminRoles } from './roles.ts';
import { usccFeedback } from './uscc-feedback.ts';
import { makeUscc } from '@ssb/domain/uscc';

describe('redirects', () => {
  it('follows only paths inside the app', () => {
    expect(safeRedirect('/messages?x=1')).toBe('/messages?x=1');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect('/login?redirect=/')).toBe('/');
  });
});

describe('roles', () => {
  it('recognises users who belong in the admin console', () => {
    expect(hasOnlyAdminRoles([{ role: 'office' }, { role: 'expert' }])).toBe(true);
    expect(hasOnlyAdminRoles([{ role: 'office' }, { role: 'applicant' }])).toBe(false);
    expect(hasOnlyAdminRoles([])).toBe(false);
  });
});

describe('USCC feedback', () => {
  it('reports progress, bad characters and the check character', () => {
    const valid = makeUscc(12345);
    expect(usccFeedback('')).toEqual({ state: 'empty' });
    expect(usccFeedback(valid.slice(0, 10))).toEqual({ state: 'incomplete', remaining: 8 });
    expect(usccFeedback('12110000O')).toEqual({ state: 'invalid', problem: 'characters' });
    expect(usccFeedback(valid.toLowerCase())).toEqual({ state: 'valid' });
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(usccFeedback(wrongCheck)).toEqual({ state: 'invalid', problem: 'check' });
  });
});
