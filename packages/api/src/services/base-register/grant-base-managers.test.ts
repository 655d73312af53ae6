import { schema } from '@ssb/db';
import { seedDemo, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedRecommendedNominations } from '../decisions/testing.ts';

describe.each(TEST_ENGINES)('naming makes the applicants base managers on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let officeUserId: string;

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await (await api.anonymous()).campaigns.current())!.id;
    officeUserId = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id;
  });
  afterAll(() => api?.close());

  const orgOf = async (applicationId: string) => (await api.db.query.applications.findFirst({ where: eq(schema.applications.id, applicationId) }))!.organizationId;

  it('lets the applicant manage the new base, and only that one', async () => {
    const office = await api.as(officeUserId);
    const [mineId, otherId] = await seedRecommendedNominations(api.db, campaignId, 2, '授权');
    const orgA = await orgOf(mineId!);
    const orgB = await orgOf(otherId!);
    const applicant = await seedUser(api.db, { name: '申报人甲', roles: [{ organizationId: orgA, role: 'applicant' }] });
    // Already a base manager there: keeps the one membership, gets no second grant.
    const already = await seedUser(api.db, { name: '申报人乙', roles: [{ organizationId: orgA, role: 'applicant' }, { organizationId: orgA, role: 'base_manager' }] });
    const otherApplicant = await seedUser(api.db, { name: '申报人丙', roles: [{ organizationId: orgB, role: 'applicant' }] });

    // Before naming the applicant is no base manager.
    await expect((await api.as(applicant.id)).bases.mine()).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const ids = [mineId!, otherId!];
    const shortlist = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: shortlist.token });
    const notice = await office.notices.create({ campaignId, title: '拟命名基地公示', body: '现将拟命名名单予以公示，公示期内如有异议请实名反映。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString() });
    await office.notices.publish({ noticeId: notice.id });
    await api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, notice.id));
    const naming = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'named' });
    const { bases } = await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'named', token: naming.token });
    const baseA = (await api.db.query.bases.findFirst({ where: eq(schema.bases.applicationId, mineId!) }))!;
    const baseB = (await api.db.query.bases.findFirst({ where: eq(schema.bases.applicationId, otherId!) }))!;
    expect(bases.map((b) => b.id).sort()).toEqual([baseA.id, baseB.id].sort());

    // A fresh sign-in carries the new role: their base, and not the other one.
    const asApplicant = await api.as(applicant.id);
    expect(await asApplicant.bases.mine()).toEqual([expect.objectContaining({ id: baseA.id, number: baseA.number })]);
    expect(await asApplicant.bases.profile({ baseId: baseA.id })).toMatchObject({ name: baseA.name });
    await expect(asApplicant.bases.profile({ baseId: baseB.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await (await api.as(otherApplicant.id)).bases.mine()).map((b) => b.id)).toEqual([baseB.id]);

    const managerRows = (userId: string) => api.db.select().from(schema.memberships).where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.role, 'base_manager')));
    expect(await managerRows(applicant.id)).toEqual([expect.objectContaining({ organizationId: orgA, grantedBy: officeUserId })]);
    expect(await managerRows(already.id)).toHaveLength(1);

    // Audited and notified, once per new grant.
    const grants = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'role.granted'));
    expect(grants.filter((g) => g.entityId === applicant.id)).toEqual([expect.objectContaining({ actorUserId: officeUserId, data: expect.objectContaining({ role: 'base_manager', organizationId: orgA, baseId: baseA.id }) })]);
    expect(grants.filter((g) => g.entityId === already.id)).toEqual([]);
    const notes = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, applicant.id));
    expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['评选结果', '基地管理权限已开通']));
    expect((await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, already.id))).map((n) => n.title)).not.toContain('基地管理权限已开通');
  });
});
