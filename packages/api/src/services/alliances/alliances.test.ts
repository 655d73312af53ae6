import { schema } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { changeBaseStatus } from '../base-register/change-base-status.ts';
import { nameBase } from '../base-register/name-base.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';

const CHARTER = '<p>共建共享，联合开展科学家精神宣传教育。</p><script>alert(1)</script>';
type Managed = Awaited<ReturnType<typeof seedManagedBase>>;

describe.each(TEST_ENGINES)('alliances on %s', (engine) => {
  let api: TestApi;
  let lead: Managed, founder: Managed, joiner: Managed, outsider: Managed;
  let office: { id: string };
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    [lead, founder, joiner, outsider] = [await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db)];
    const officeOrg = await seedOrganization(api.db, { name: '测试工作办公室', type: 'government' });
    office = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
  });
  afterAll(() => api?.close());

  const auditActions = async (id: string) => (await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, id))).map((a) => a.action);
  const noticesOf = async (userId: string) => (await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, userId))).map((n) => n.title);

  async function approvedAlliance(name: string) {
    const proposer = await api.as(lead.manager.id);
    const proposed = await proposer.alliances.propose({ name, kind: 'regional', districtCodes: ['110108'], charterHtml: CHARTER, leadBaseId: lead.base.id, foundingBaseIds: [founder.base.id] });
    await (await api.as(founder.manager.id)).alliances.answerFounding({ allianceId: proposed.id, baseId: founder.base.id, accept: true });
    const submitted = await (await api.as(office.id)).alliances.officeGet({ allianceId: proposed.id });
    await (await api.as(office.id)).alliances.decide({ allianceId: proposed.id, version: submitted.version, decision: 'approve' });
    return proposed.id;
  }

  it('takes a proposal through its founding members to the office; a decline returns it to the proposer with the reason', async () => {
    const proposer = await api.as(lead.manager.id);
    const proposed = await proposer.alliances.propose({ name: '测试区域联盟甲', kind: 'regional', districtCodes: ['110108'], charterHtml: CHARTER, leadBaseId: lead.base.id, foundingBaseIds: [founder.base.id] });
    expect(proposed.status).toBe('founders_pending');
    const [charter] = await api.db.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, proposed.id));
    expect(charter).toMatchObject({ version: 1 });
    expect(charter!.bodyHtml).not.toContain('script');
    expect(await noticesOf(founder.manager.id)).toContain('邀请您作为联盟发起单位');

    const founderCaller = await api.as(founder.manager.id);
    const mine = await founderCaller.alliances.mine();
    expect(mine.alliances.find((a) => a.id === proposed.id)?.actions).toEqual(['answerFounding']);
    await expect(founderCaller.alliances.answerFounding({ allianceId: proposed.id, baseId: founder.base.id, accept: false, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const returned = await founderCaller.alliances.answerFounding({ allianceId: proposed.id, baseId: founder.base.id, accept: false, reason: '本年度任务已满' });
    expect(returned).toMatchObject({ status: 'returned', returnReason: expect.stringContaining('本年度任务已满') });
    expect(await noticesOf(lead.manager.id)).toContain('联盟申请被发起单位谢绝');

    // The proposer asks the same base again; it accepts, and the proposal reaches the office.
    const resubmitted = await proposer.alliances.resubmit({ allianceId: proposed.id, version: returned.version, name: '测试区域联盟甲', kind: 'regional', districtCodes: ['110108'], charterHtml: CHARTER, leadBaseId: lead.base.id, foundingBaseIds: [founder.base.id] });
    expect(resubmitted.status).toBe('founders_pending');
    const submitted = await founderCaller.alliances.answerFounding({ allianceId: proposed.id, baseId: founder.base.id, accept: true });
    expect(submitted.status).toBe('submitted');
    expect(await noticesOf(office.id)).toContain('新的联盟申请待审核');
    expect(await auditActions(proposed.id)).toEqual(['alliance.proposed', 'alliance.founding_declined', 'alliance.resubmitted', 'alliance.founding_accepted', 'alliance.submitted']);

    // The office returns with a reason (required), then approves the resubmitted proposal.
    const officeCaller = await api.as(office.id);
    await expect(officeCaller.alliances.decide({ allianceId: proposed.id, version: submitted.version, decision: 'return' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const back = await officeCaller.alliances.decide({ allianceId: proposed.id, version: submitted.version, decision: 'return', reason: '请补充章程中的工作机制' });
    expect(back.status).toBe('returned');
    const again = await proposer.alliances.resubmit({ allianceId: proposed.id, version: back.version, name: '测试区域联盟甲', kind: 'regional', districtCodes: ['110108'], charterHtml: '<p>工作机制：每季度联席会议。</p>', leadBaseId: lead.base.id, foundingBaseIds: [founder.base.id] });
    // The founding base had already accepted; it is not asked again.
    expect(again.status).toBe('submitted');
    const approved = await officeCaller.alliances.decide({ allianceId: proposed.id, version: again.version, decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', coordinatorUserId: lead.manager.id });
    const grant = await api.db.select().from(schema.memberships).where(and(eq(schema.memberships.userId, lead.manager.id), eq(schema.memberships.role, 'alliance_coordinator')));
    expect(grant).toEqual([expect.objectContaining({ organizationId: lead.organization.id })]);
    expect(await auditActions(lead.manager.id)).toContain('role.granted');

    const page = await (await api.anonymous()).alliances.get({ allianceId: proposed.id });
    expect(page.charter).toMatchObject({ version: 2 });
    expect(page.members.map((m) => [m.baseId, m.role])).toEqual([[lead.base.id, 'lead'], [founder.base.id, 'founding']]);
  });

  it('lets the coordinator manage members while another base manager cannot; a refusal needs a reason; members leave', async () => {
    const allianceId = await approvedAlliance('测试区域联盟乙');
    const coordinator = await api.as(lead.manager.id); // a new session carries the granted role
    const stranger = await api.as(outsider.manager.id);
    await expect(stranger.alliances.invite({ allianceId, role: 'member', baseId: joiner.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stranger.alliances.manage({ allianceId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const invited = await coordinator.alliances.invite({ allianceId, role: 'member', baseId: joiner.base.id });
    expect(invited.status).toBe('invited');
    const joinerCaller = await api.as(joiner.manager.id);
    const view = (await joinerCaller.alliances.mine()).alliances.find((a) => a.id === allianceId)!;
    expect(view.members.find((m) => m.isMine)?.actions).toEqual(['accept', 'decline']);
    await expect(stranger.alliances.answerInvitation({ memberId: invited.id, accept: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await joinerCaller.alliances.answerInvitation({ memberId: invited.id, accept: true })).toMatchObject({ status: 'active' });

    // The outsider asks; the coordinator must give a reason to refuse.
    const request = await stranger.alliances.requestJoin({ allianceId, baseId: outsider.base.id });
    await expect(coordinator.alliances.decideRequest({ allianceId, memberId: request.id, approve: false, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await coordinator.alliances.decideRequest({ allianceId, memberId: request.id, approve: false, reason: '暂不在本区' })).toMatchObject({ status: 'refused', reason: '暂不在本区' });
    expect(await noticesOf(outsider.manager.id)).toContain('加入联盟申请未通过');

    expect(await joinerCaller.alliances.leave({ memberId: invited.id })).toMatchObject({ status: 'left' });
    const leadRow = (await coordinator.alliances.manage({ allianceId })).members.find((m) => m.role === 'lead')!;
    await expect(coordinator.alliances.removeMember({ allianceId, memberId: leadRow.id, reason: '测试移出' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await (await api.anonymous()).alliances.get({ allianceId })).members.map((m) => m.baseId)).not.toContain(joiner.base.id);
    expect(await auditActions(allianceId)).toEqual(expect.arrayContaining(['alliance.member_invited', 'alliance.invitation_accepted', 'alliance.join_requested', 'alliance.request_refused', 'alliance.member_left']));
  });

  it('turns a revoked member base into an observer, audited and notified, and offers membership to a mentored unit once it is named', async () => {
    const allianceId = await approvedAlliance('测试区域联盟丙');
    const coordinator = await api.as(lead.manager.id);
    const [base] = await api.db.select().from(schema.bases).where(eq(schema.bases.id, founder.base.id));
    await changeBaseStatus(api.db, { userId: office.id }, { baseId: base!.id, version: base!.version, toStatus: 'revoked', reason: '测试撤销' }, 'http://localhost:3000');
    const row = (await coordinator.alliances.manage({ allianceId })).members.find((m) => m.baseId === founder.base.id)!;
    expect(row).toMatchObject({ role: 'observer', status: 'active', reason: expect.stringContaining('撤销') });
    expect(await auditActions(allianceId)).toContain('alliance.member_standing_changed');
    expect(await noticesOf(founder.manager.id)).toContain('联盟成员身份变更');
    expect(await noticesOf(lead.manager.id)).toContain('联盟成员身份变更');

    // A unit that is not yet a base joins as mentored, then is named.
    const unit = await seedOrganization(api.db, { name: '测试培育单位', type: 'museum' });
    const applicant = await seedUser(api.db, { roles: [{ organizationId: unit.id, role: 'applicant' }] });
    const mentored = await coordinator.alliances.invite({ allianceId, role: 'mentored', organizationId: unit.id, mentorBaseId: lead.base.id, targetBatchYear: 2027 });
    await api.db.update(schema.allianceMembers).set({ status: 'active' }).where(eq(schema.allianceMembers.id, mentored.id));
    const [campaign] = await api.db.insert(schema.campaigns).values({ year: 2031, title: '测试批次', phases: [] }).returning();
    const [application] = await api.db.insert(schema.applications).values({ campaignId: campaign!.id, organizationId: unit.id, status: 'recommended', data: {} }).returning();
    const named = await api.db.transaction((tx) =>
      nameBase(tx, { applicationId: application!.id, number: '京科精基地-2031-001', batchYear: 2031, name: '测试培育单位基地', category: '科技馆', districtCode: '110108', namedOn: '2031-05-30', validUntil: '2036-05-29', actorUserId: office.id, publicUrl: 'http://localhost:3000' }),
    );
    const offered = (await coordinator.alliances.manage({ allianceId })).members.find((m) => m.organizationId === unit.id)!;
    expect(offered).toMatchObject({ role: 'member', status: 'invited', baseId: named.id });
    expect(await noticesOf(applicant.id)).toContain('邀请成为联盟成员单位');
  });

  it('keeps each charter version, and hands the lead and the coordinator role over to a member base', async () => {
    const owner = await seedManagedBase(api.db);
    const partner = await seedManagedBase(api.db);
    const proposed = await (await api.as(owner.manager.id)).alliances.propose({ name: '测试主题联盟戊', kind: 'thematic', theme: '地质', charterHtml: CHARTER, leadBaseId: owner.base.id, foundingBaseIds: [partner.base.id] });
    await (await api.as(partner.manager.id)).alliances.answerFounding({ allianceId: proposed.id, baseId: partner.base.id, accept: true });
    const officeCaller = await api.as(office.id);
    await officeCaller.alliances.decide({ allianceId: proposed.id, version: (await officeCaller.alliances.officeGet({ allianceId: proposed.id })).version, decision: 'approve' });
    const coordinator = await api.as(owner.manager.id);
    expect(await coordinator.alliances.saveCharter({ allianceId: proposed.id, charterHtml: '<p>第二版<img src=x onerror=alert(1)></p>' })).toMatchObject({ version: 2, bodyHtml: '<p>第二版</p>' });
    expect((await coordinator.alliances.manage({ allianceId: proposed.id })).charters.map((c) => c.version)).toEqual([2, 1]);

    const partnerRow = (await coordinator.alliances.manage({ allianceId: proposed.id })).members.find((m) => m.baseId === partner.base.id)!;
    const handed = await coordinator.alliances.handOver({ allianceId: proposed.id, newLeadMemberId: partnerRow.id, newCoordinatorUserId: partner.manager.id });
    expect(handed).toMatchObject({ leadBaseId: partner.base.id, coordinatorUserId: partner.manager.id });
    const roles = async (userId: string) => (await api.db.select().from(schema.memberships).where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.role, 'alliance_coordinator')))).length;
    expect(await roles(partner.manager.id)).toBe(1);
    expect(await roles(owner.manager.id)).toBe(0);
    await expect((await api.as(owner.manager.id)).alliances.manage({ allianceId: proposed.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const page = await (await api.anonymous()).alliances.get({ allianceId: proposed.id });
    expect(page.members.find((m) => m.baseId === partner.base.id)?.role).toBe('lead');
    expect(page.members.find((m) => m.baseId === owner.base.id)?.role).toBe('founding');
  });

  it('submits a proposal to the office exactly once when its founding members accept at the same moment', async () => {
    const second = await seedManagedBase(api.db);
    const proposed = await (await api.as(lead.manager.id)).alliances.propose({ name: '测试主题联盟丁', kind: 'thematic', theme: '钱学森', charterHtml: CHARTER, leadBaseId: lead.base.id, foundingBaseIds: [joiner.base.id, second.base.id] });
    const [a, b] = [await api.as(joiner.manager.id), await api.as(second.manager.id)];
    await Promise.all([
      a.alliances.answerFounding({ allianceId: proposed.id, baseId: joiner.base.id, accept: true }),
      b.alliances.answerFounding({ allianceId: proposed.id, baseId: second.base.id, accept: true }),
    ]);
    const [row] = await api.db.select().from(schema.alliances).where(eq(schema.alliances.id, proposed.id));
    expect(row!.status).toBe('submitted');
    expect((await auditActions(proposed.id)).filter((x) => x === 'alliance.submitted')).toHaveLength(1);
  });

  it('lists approved alliances with active members only in open data', async () => {
    const { listOpenAlliances } = await import('./public-alliances.ts');
    const open = await listOpenAlliances(api.db);
    expect(open.items.length).toBeGreaterThan(0);
    for (const a of open.items) expect(a).toMatchObject({ id: expect.any(String), name: expect.any(String), kind: expect.stringMatching(/^(regional|thematic)$/), leadBaseId: expect.any(String) });
    const byName = open.items.find((a) => a.name === '测试区域联盟乙')!;
    expect(byName.members).toEqual(expect.arrayContaining([{ organizationId: lead.organization.id, baseId: lead.base.id, role: 'lead' }]));
    expect(byName.members.map((m) => m.baseId)).not.toContain(outsider.base.id);
  });
});
