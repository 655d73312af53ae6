import { makeUscc } from '@ssb/domain/uscc';
import { argon2Runs } from '@ssb/db/password';
import { DEMO_PASSWORD, seedDemo } from '@ssb/db/seed';
import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

const tokenIn = (body: string | undefined, path: string) => body?.match(new RegExp(`${path}\\?token=([\\w-]+)`))?.[1];

describe.each(TEST_ENGINES)('invitations and roles on %s', (engine) => {
  let api: TestApi;
  let officeId: string;
  let unitId: string;
  const mailTo = async (address: string) => {
    await api.runJobs();
    return api.lastMailTo(address)?.body;
  };
  const rolesOf = async (userId: string) =>
    (await api.db.query.memberships.findMany({ where: and(eq(schema.memberships.userId, userId), eq(schema.memberships.organizationId, unitId)) })).map((m) => m.role);
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
    const token = tokenIn(await mailTo('new.expert@example.org'), '/portal/accept-invitation');
    expect(token).toBeTruthy();
    const visitor = await api.anonymous();
    const me = await visitor.auth.acceptInvitation({ token: token!, password: 'Expert-pass-2022' });
    expect(me?.memberships.map((m) => m.role)).toEqual(['expert']);
    await expect(visitor.auth.acceptInvitation({ token: token!, password: 'Expert-pass-2022' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('checks the invitation token before hashing the password', async () => {
    const visitor = await api.anonymous('10.2.0.1');
    const hashes = argon2Runs.hash;
    await expect(visitor.auth.acceptInvitation({ token: 'z'.repeat(43), password: 'Expert-pass-2022' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(argon2Runs.hash).toBe(hashes);
  });

  it('an invited user cannot log in before accepting', async () => {
    const office = await api.as(officeId);
    await office.admin.inviteUser({ email: 'pending@example.org', name: '待激活', organizationId: unitId, role: 'applicant' });
    const visitor = await api.anonymous();
    await expect(visitor.auth.login({ email: 'pending@example.org', password: 'anything-123' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('inviting an existing account grants nothing until its signed-in owner accepts the link', async () => {
    const owner = (await api.db.query.users.findFirst({ where: eq(schema.users.email, 'applicant2@demo.ssb.local') }))!;
    const office = await api.as(officeId);
    const result = await office.admin.inviteUser({ email: owner.email, name: '李申报', organizationId: unitId, role: 'expert' });
    expect(result).toMatchObject({ isNewUser: false, pendingAcceptance: true });
    expect(await rolesOf(owner.id)).toEqual([]);
    const body = await mailTo(owner.email);
    expect(body).toContain('登录后');
    const token = tokenIn(body, '/portal/accept-role')!;

    await expect((await api.anonymous()).auth.acceptRoleGrant({ token })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const stranger = await api.as(officeId);
    await expect(stranger.auth.roleGrant({ token })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stranger.auth.acceptRoleGrant({ token })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rolesOf(owner.id)).toEqual([]);

    const signedIn = await api.anonymous();
    await signedIn.auth.login({ email: owner.email, password: DEMO_PASSWORD });
    const asOwner = await api.callerWithToken(signedIn.cookies.token);
    expect(await asOwner.auth.roleGrant({ token })).toMatchObject({ role: 'expert', organizationName: expect.stringContaining('京华航天') });
    const me = await asOwner.auth.acceptRoleGrant({ token });
    expect(me?.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ organizationId: unitId, role: 'expert' })]));
    await expect(asOwner.auth.acceptRoleGrant({ token })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const audited = await api.db.query.auditLog.findMany({ where: eq(schema.auditLog.entityId, owner.id) });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['user.invited', 'role.invitation_accepted']));
  });

  it('a registration squatting an address the office later invites is dropped, and gains no role', async () => {
    const squatter = await api.anonymous('10.2.0.2');
    await squatter.auth.register({
      organization: {
        name: '冒名科技馆',
        uscc: makeUscc(7001),
        type: 'museum',
        districtCode: '110108',
        address: '北京市海淀区测试路9号',
        contactName: '冒名者',
        contactPhone: '010-84650077',
        contactEmail: 'fake@example.org',
      },
      user: { name: '冒名者', email: 'victim@example.org', mobile: '13800138000', password: 'Squatter-pass-2024' },
    });
    const office = await api.as(officeId);
    const result = await office.admin.inviteUser({ email: 'victim@example.org', name: '真专家', organizationId: unitId, role: 'expert' });
    expect(result.isNewUser).toBe(true);
    await expect(squatter.auth.login({ email: 'victim@example.org', password: 'Squatter-pass-2024' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await api.db.query.organizations.findFirst({ where: eq(schema.organizations.uscc, makeUscc(7001)) })).toBeUndefined();

    await api.runJobs();
    // The dropped registration's verification mail may go out after the invitation: take the invitation's.
    const sent = await api.db.query.mailLog.findMany({ where: eq(schema.mailLog.to, 'victim@example.org') });
    const token = sent.map((m) => tokenIn(m.body, '/portal/accept-invitation')).find(Boolean)!;
    const me = await (await api.anonymous()).auth.acceptInvitation({ token, password: 'Real-expert-2024' });
    expect(me?.memberships.map((m) => m.role)).toEqual(['expert']);
  });

  it('the office grants and revokes roles but cannot make a sysadmin; every change is audited', async () => {
    const office = await api.as(officeId);
    const { items } = await office.admin.users({ search: 'new.expert', page: 1, pageSize: 20 });
    const userId = items[0]!.id;
    await office.admin.grantRole({ userId, organizationId: unitId, role: 'base_manager' });
    await expect(office.admin.grantRole({ userId, organizationId: unitId, role: 'base_manager' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(office.admin.grantRole({ userId, organizationId: unitId, role: 'sysadmin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const held = (await office.admin.users({ search: 'new.expert', page: 1, pageSize: 20 })).items[0]!.memberships;
    expect(held.find((m) => m.role === 'base_manager')?.mayRevoke).toBe(true);
    await office.admin.revokeRole({ userId, organizationId: unitId, role: 'base_manager' });
    // Nobody takes their own office role away: the directory says so, and the server refuses.
    const mine = (await office.admin.users({ page: 1, pageSize: 100 })).items.find((u) => u.id === officeId)!;
    expect(mine.memberships.find((m) => m.role === 'office')?.mayRevoke).toBe(false);
    const ownOffice = mine.memberships.find((m) => m.role === 'office')!;
    await expect(office.admin.revokeRole({ userId: officeId, organizationId: ownOffice.organizationId, role: 'office' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '不能撤销自己的管理角色，请由其他管理员操作' });
    const audited = await api.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, userId) });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['user.invited', 'role.granted', 'role.revoked']));
  });
});
