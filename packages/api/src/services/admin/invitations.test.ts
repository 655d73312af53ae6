import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

describe.each(TEST_ENGINES)('invitations and roles on %s', (engine) => {
  let api: TestApi;
  let officeId: string;
  let unitId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    officeId = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id;
    unitId = (await api.db.query.organizations.findFirst({ where: (o, { like }) => like(o.name, '京华航天%') }))!.id;
  });
  afterAll(() => api?.close());

  it('the office invites a new person, who sets a password from the emailed link and signs in with the role', async () => {
    const office = await api.as(officeId);
    const result = await office.admin.inviteUser({ email: 'new.expert@example.org', name: '新专家', organizationId: unitId, role: 'expert' });
    expect(result.isNewUser).toBe(true);
    const token = api.lastMailTo('new.expert@example.org')?.body.match(/token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const visitor = await api.anonymous();
    const me = await visitor.auth.acceptInvitation({ token: token!, password: 'Expert-pass-2022' });
    expect(me?.memberships.map((m) => m.role)).toEqual(['expert']);
    await expect(visitor.auth.acceptInvitation({ token: token!, password: 'Expert-pass-2022' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('an invited user cannot log in before accepting', async () => {
    const office = await api.as(officeId);
    await office.admin.inviteUser({ email: 'pending@example.org', name: '待激活', organizationId: unitId, role: 'applicant' });
    const visitor = await api.anonymous();
    await expect(visitor.auth.login({ email: 'pending@example.org', password: 'anything-123' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('the office grants and revokes roles but cannot make a sysadmin; every change is audited', async () => {
    const office = await api.as(officeId);
    const { items } = await office.admin.users({ search: 'new.expert', page: 1, pageSize: 20 });
    const userId = items[0]!.id;
    await office.admin.grantRole({ userId, organizationId: unitId, role: 'base_manager' });
    await expect(office.admin.grantRole({ userId, organizationId: unitId, role: 'base_manager' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(office.admin.grantRole({ userId, organizationId: unitId, role: 'sysadmin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await office.admin.revokeRole({ userId, organizationId: unitId, role: 'base_manager' });
    const audited = await api.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, userId) });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['user.invited', 'role.granted', 'role.revoked']));
  });
});
