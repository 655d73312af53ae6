import { describe, expect, it } from 'vitest';
import { safePath, safeRedirect } from './redirect.ts';

describe('redirect targets', () => {
  it('follows paths on this site, with their query and hash', () => {
    expect(safePath('/users?page=2#top')).toBe('/users?page=2#top');
    expect(safePath(['/organizations'])).toBe('/organizations');
    expect(safeRedirect('/bases')).toBe('/bases');
  });

  it('never leaves the site', () => {
    for (const unsafe of ['//evil.example', '/\\evil.example', '/a\\b', 'https://evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', '', null, 42, undefined]) {
      expect(safePath(unsafe)).toBeNull();
      expect(safeRedirect(unsafe, { fallback: '/home' })).toBe('/home');
    }
  });

  it('does not lead back to the sign-in page or the pages an app avoids', () => {
    expect(safeRedirect('/login?redirect=/users')).toBe('/');
    expect(safeRedirect('/no-access', { avoid: ['/no-access'] })).toBe('/');
    expect(safeRedirect('/login-link?token=x')).toBe('/login-link?token=x');
  });
});
