import { describe, expect, it } from 'vitest';
import { safeRedirect, workspaceHref } from './home-app.ts';

describe('workspaceHref', () => {
  it('sends each role to its app, by the first membership', () => {
    expect(workspaceHref({ memberships: [{ role: 'base_manager' }] })).toBe('/portal/');
    expect(workspaceHref({ memberships: [{ role: 'expert' }, { role: 'applicant' }] })).toBe('/admin/');
    expect(workspaceHref({ memberships: [] })).toBe('/');
    expect(workspaceHref(null)).toBe('/');
  });
});

describe('safeRedirect', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirect('/portal/applications?id=1#top')).toBe('/portal/applications?id=1#top');
  });
  it('refuses other sites and odd values', () => {
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'portal/', '', undefined, ['//evil.example/']]) {
      expect(safeRedirect(bad)).toBeNull();
    }
    // A repeated ?redirect= is read by its first value, as in the other apps.
    expect(safeRedirect(['/portal/', '//evil.example/'])).toBe('/portal/');
  });
});
