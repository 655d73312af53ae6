import { describe, expect, test } from 'vitest';
import { ADMIN_ROLES, adminMemberships, safeRedirect, usesAdminConsole } from './access.ts';
import { issuesToFieldErrors, serverFieldErrors } from './form-errors.ts';

const me = (...roles: string[]) =>
  ({
    id: 'u',
    email: 'a@b.c',
    name: '测试',
    memberships: roles.map((role) => ({ organizationId: 'o', organizationName: '单位', role })),
  }) as never;

describe('who uses the admin console', () => {
  test('office, expert, funding reviewer and sysadmin work here; portal roles do not', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['expert', 'funding_reviewer', 'office', 'sysadmin']);
    expect(usesAdminConsole(me('office'))).toBe(true);
    expect(usesAdminConsole(me('expert'))).toBe(true);
    expect(usesAdminConsole(me('applicant', 'recommender'))).toBe(false);
    expect(usesAdminConsole(null)).toBe(false);
    expect(adminMemberships(me('applicant', 'funding_reviewer')).map((m) => m.role)).toEqual(['funding_reviewer']);
  });
});

describe('where sign-in leads', () => {
  test('only paths inside this app are followed', () => {
    expect(safeRedirect('/users?page=2')).toBe('/users?page=2');
    expect(safeRedirect(['/organizations'])).toBe('/organizations');
    for (const unsafe of ['https://evil.example', '//evil.example', '/\\evil.example', 'users', undefined, null, 42]) {
      expect(safeRedirect(unsafe)).toBe('/');
    }
    expect(safeRedirect('/login?redirect=/users')).toBe('/');
  });
});

describe('form errors', () => {
  test('first message per field, in the console wording where it has one', () => {
    const issues = [
      { path: ['email'], message: '请输入有效的电子邮箱' },
      { path: ['email'], message: 'second' },
      { path: ['role'], message: 'Invalid option' },
    ];
    expect(issuesToFieldErrors(issues)).toEqual({ email: '请输入有效的电子邮箱', role: 'Invalid option' });
    expect(issuesToFieldErrors(issues, (field) => (field === 'role' ? '请选择角色' : null))).toEqual({
      email: '请输入有效的电子邮箱',
      role: '请选择角色',
    });
    expect(serverFieldErrors({ name: ['请输入姓名'], email: undefined })).toEqual({ name: '请输入姓名' });
    expect(serverFieldErrors(null)).toEqual({});
  });
});
