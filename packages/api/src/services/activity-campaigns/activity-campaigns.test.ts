import { schema } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eventFitsCampaign } from '@ssb/domain/activity-campaigns';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { searchEngineOf } from '../search/engine.ts';
import { drainSearchOutbox } from '../search/process-outbox.ts';

const DAY = 86400_000;
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const beijingDay = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * DAY));
const EVENT = { kind: 'lecture' as const, title: '科技工作者日讲座', description: '', place: '报告厅', audiences: ['public' as const], capacity: 50, bookingInfo: '' };
type Managed = Awaited<ReturnType<typeof seedManagedBase>>;

describe('eventFitsCampaign', () => {
  it('takes an event whose Beijing days overlap the campaign, by Beijing days not UTC ones', () => {
    const day = { startsOn: '2026-05-30', endsOn: '2026-05-30' };
    expect(eventFitsCampaign({ startsAt: '2026-05-30T09:00:00+08:00', endsAt: '2026-05-30T11:00:00+08:00' }, day)).toBe(true);
    // 00:30 on 30 May in Beijing is still 29 May in UTC.
    expect(eventFitsCampaign({ startsAt: '2026-05-30T00:30:00+08:00', endsAt: '2026-05-30T01:00:00+08:00' }, day)).toBe(true);
    expect(eventFitsCampaign({ startsAt: '2026-05-29T09:00:00+08:00', endsAt: '2026-05-29T23:59:00+08:00' }, day)).toBe(false);
    // An exhibition open over the day belongs to it.
    expect(eventFitsCampaign({ startsAt: '2026-05-20T09:00:00+08:00', endsAt: '2026-06-10T17:00:00+08:00' }, day)).toBe(true);
    expect(eventFitsCampaign({ startsAt: '2026-05-31T09:00:00+08:00', endsAt: '2026-06-01T17:00:00+08:00' }, day)).toBe(false);
  });
});

describe.each(TEST_ENGINES)('themed campaigns and joint actions on %s', (engine) => {
  let api: TestApi;
  let lead: Managed, member: Managed, outsider: Managed;
  let office: { id: string };
  let allianceId: string;
  let campaignId: string;
  const day = beijingDay(10);
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    [lead, member, outsider] = [await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db)];
    const officeOrg = await seedOrganization(api.db, { name: '测试工作办公室', type: 'government' });
    office = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
    const proposed = await (await api.as(lead.manager.id)).alliances.propose({ name: '测试联合行动联盟', kind: 'regional', districtCodes: ['110108'], charterHtml: '<p>章程</p>', leadBaseId: lead.base.id, foundingBaseIds: [member.base.id] });
    await (await api.as(member.manager.id)).alliances.answerFounding({ allianceId: proposed.id, baseId: member.base.id, accept: true });
    const officeCaller = await api.as(office.id);
    const submitted = await officeCaller.alliances.officeGet({ allianceId: proposed.id });
    await officeCaller.alliances.decide({ allianceId: proposed.id, version: submitted.version, decision: 'approve' });
    allianceId = proposed.id;
  });
  afterAll(() => api?.close());

  it('lets the office keep campaigns and base managers join events that fall on the campaign’s days', async () => {
    const officeCaller = await api.as(office.id);
    await expect(officeCaller.activityCampaigns.create({ name: '全国科技工作者日', startsOn: day, endsOn: beijingDay(9) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const campaign = await officeCaller.activityCampaigns.create({ name: '全国科技工作者日', description: '每年 5 月 30 日', descriptionEn: 'Held on 30 May each year', startsOn: day, endsOn: day });
    expect(campaign).toMatchObject({ description: '每年 5 月 30 日', descriptionEn: 'Held on 30 May each year' });
    campaignId = campaign.id;
    await expect((await api.as(lead.manager.id)).activityCampaigns.create({ name: '冒名主题活动', startsOn: day, endsOn: day })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const manager = await api.as(outsider.manager.id);
    const onTheDay = await manager.events.create({ ...EVENT, startsAt: at(day, '09:00'), endsAt: at(day, '11:00'), baseId: outsider.base.id });
    const dayBefore = await manager.events.create({ ...EVENT, title: '前一天的讲座', startsAt: at(beijingDay(9), '09:00'), endsAt: at(beijingDay(9), '11:00'), baseId: outsider.base.id });
    await expect(manager.events.joinCampaign({ eventId: dayBefore.id, campaignId })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('主题活动的日期') });
    await manager.events.joinCampaign({ eventId: onTheDay.id, campaignId });
    // Another base's manager cannot join it, nor take it out.
    await expect((await api.as(member.manager.id)).events.joinCampaign({ eventId: onTheDay.id, campaignId: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Moving a joined event off the campaign's days is refused.
    const edited = await manager.events.edit({ eventId: onTheDay.id });
    await expect(manager.events.update({ ...EVENT, startsAt: at(beijingDay(9), '09:00'), endsAt: at(beijingDay(9), '11:00'), eventId: onTheDay.id, version: edited.version })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // So are new campaign days that would leave it out, and deleting a campaign with events.
    await expect(officeCaller.activityCampaigns.update({ id: campaignId, name: '全国科技工作者日', startsOn: beijingDay(11), endsOn: beijingDay(11) })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('科技工作者日讲座') });
    await expect(officeCaller.activityCampaigns.remove({ id: campaignId })).rejects.toMatchObject({ code: 'CONFLICT' });

    // The public sees only published events: the draft is counted nowhere until it is published.
    const anonymous = await api.anonymous();
    expect(await anonymous.activityCampaigns.get({ id: campaignId })).toMatchObject({ events: 0, districts: [], description: '每年 5 月 30 日', descriptionEn: 'Held on 30 May each year' });
    await manager.events.publish({ eventId: onTheDay.id });
    expect(await anonymous.activityCampaigns.get({ id: campaignId })).toMatchObject({ events: 1, bases: 1, districts: [{ code: outsider.base.districtCode, count: 1 }] });
    const listed = await anonymous.events.browse({ campaign: campaignId, when: 'all' });
    expect(listed.items.map((e) => e.id)).toEqual([onTheDay.id]);
    expect((await anonymous.activityCampaigns.list()).find((c) => c.id === campaignId)?.events).toBe(1);

    // Leaving the campaign takes it off the page; both moves are audited.
    await manager.events.joinCampaign({ eventId: onTheDay.id, campaignId: null });
    expect((await anonymous.events.browse({ campaign: campaignId, when: 'all' })).items).toEqual([]);
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, onTheDay.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event.campaign.join', 'event.campaign.leave']));
  });

  it('lets only the alliance’s coordinator host a joint action through the lead base, with co-hosts from its members only', async () => {
    const coordinator = await api.as(lead.manager.id);
    const fields = { ...EVENT, title: '联盟联合科普行动', startsAt: at(day, '14:00'), endsAt: at(day, '16:00') };
    await expect(coordinator.alliances.createJointAction({ ...fields, allianceId, cohostBaseIds: [outsider.base.id] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('成员基地') });
    // The refusal rolled everything back: no half-made event is left.
    expect((await coordinator.alliances.jointActions({ allianceId })).items).toEqual([]);
    // A base manager who does not coordinate the alliance is refused.
    await expect((await api.as(member.manager.id)).alliances.createJointAction({ ...fields, allianceId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const created = await coordinator.alliances.createJointAction({ ...fields, allianceId, campaignId, cohostBaseIds: [member.base.id] });
    expect(created).toMatchObject({ baseId: lead.base.id, allianceId, activityCampaignId: campaignId, status: 'draft' });
    const listed = await coordinator.alliances.jointActions({ allianceId });
    expect(listed.items.map((e) => [e.id, e.cohosts.map((c) => [c.baseId, c.status])])).toEqual([[created.id, [[member.base.id, 'invited']]]]);
    expect(listed.memberBases.map((b) => b.id)).toEqual([member.base.id]);

    // The lead base's own editor also holds joint actions to the alliance's members.
    await expect(coordinator.events.inviteCohost({ eventId: created.id, baseId: outsider.base.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const saved = await coordinator.alliances.updateJointAction({ ...fields, title: '联盟联合科普行动（扩容）', capacity: 80, allianceId, eventId: created.id, version: created.version });
    expect(saved).toMatchObject({ title: '联盟联合科普行动（扩容）', capacity: 80 });
    await coordinator.alliances.moveJointAction({ allianceId, eventId: created.id, action: 'publish' });

    const guest = await api.as(member.manager.id);
    await guest.events.respondCohost({ eventId: created.id, baseId: member.base.id, accept: true });
    const anonymous = await api.anonymous();
    const page = await anonymous.alliances.get({ allianceId });
    expect(page.jointActions.upcoming.map((e) => e.id)).toEqual([created.id]);
    const inCampaign = await anonymous.events.browse({ campaign: campaignId, when: 'all' });
    expect(inCampaign.items.map((e) => [e.id, e.allianceId, e.cohosts.map((c) => c.baseId)])).toEqual([[created.id, allianceId, [member.base.id]]]);
    expect(await anonymous.activityCampaigns.get({ id: campaignId })).toMatchObject({ events: 1, alliances: 1 });
    // Another alliance's event id cannot be reached through this alliance.
    const plain = await (await api.as(outsider.manager.id)).events.create({ ...fields, baseId: outsider.base.id });
    await expect(coordinator.alliances.updateJointAction({ ...fields, allianceId, eventId: plain.id, version: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The co-host picker searches the alliance's member bases on the server: never an outsider, never one already invited.
    expect(await coordinator.alliances.jointActionCohostCandidates({ allianceId, eventId: created.id })).toMatchObject({ items: [], total: 0 });
    const second = await coordinator.alliances.createJointAction({ ...fields, title: '联盟第二次联合行动', allianceId });
    const candidates = await coordinator.alliances.jointActionCohostCandidates({ allianceId, eventId: second.id });
    expect(candidates.items.map((b) => b.id)).toEqual([member.base.id]);
    expect((await coordinator.events.cohostCandidates({ eventId: second.id, q: member.base.name })).items.map((b) => b.id)).toEqual([member.base.id]);
    expect((await coordinator.events.cohostCandidates({ eventId: second.id, q: outsider.base.name })).total).toBe(0);
    await expect(coordinator.alliances.jointActionCohostCandidates({ allianceId, eventId: plain.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('indexes a published event for search as kind event, follows its edits, and removes it when cancelled', async () => {
    const manager = await api.as(outsider.manager.id);
    const fields = { ...EVENT, title: '钱三强与核物理讲座', description: '讲述钱三强回国创业的故事', startsAt: at(day, '18:00'), endsAt: at(day, '19:30') };
    const event = await manager.events.create({ ...fields, baseId: outsider.base.id });
    const engine = searchEngineOf(api);
    const anonymous = await api.anonymous();
    const find = async (q: string) => {
      await drainSearchOutbox(api.db, engine);
      return (await anonymous.search.query({ q, filters: { kind: 'event' } })).hits;
    };
    expect(await find('钱三强')).toEqual([]); // a draft is not searchable
    await manager.events.publish({ eventId: event.id });
    expect(await find('钱三强')).toEqual([expect.objectContaining({ id: event.id, kind: 'event', type: 'event', url: `/events/${event.id}`, baseId: outsider.base.id, baseName: outsider.base.name, districtCode: outsider.base.districtCode })]);
    // The kind filter keeps events apart from resources and bases.
    expect((await anonymous.search.query({ q: '钱三强', filters: { kind: 'resource' } })).hits).toEqual([]);
    const edited = await manager.events.edit({ eventId: event.id });
    await manager.events.update({ ...fields, title: '钱三强与原子能讲座', eventId: event.id, version: edited.version });
    expect((await find('原子能')).map((h) => h.title)).toEqual(['钱三强与原子能讲座']);
    await manager.events.cancel({ eventId: event.id, reason: '场地检修' });
    expect(await find('钱三强')).toEqual([]);
  });

  it('lets a mentored unit’s applicant account answer its alliance invitation, and no one else’s', async () => {
    const unit = await seedOrganization(api.db, { name: '测试培育单位（联合行动）', type: 'museum' });
    const applicant = await seedUser(api.db, { roles: [{ organizationId: unit.id, role: 'applicant' }] });
    const otherUnit = await seedOrganization(api.db, { name: '另一培育单位', type: 'school' });
    const stranger = await seedUser(api.db, { roles: [{ organizationId: otherUnit.id, role: 'applicant' }] });
    const invited = await (await api.as(lead.manager.id)).alliances.invite({ allianceId, role: 'mentored', organizationId: unit.id, mentorBaseId: lead.base.id, targetBatchYear: 2027 });
    const notices = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, applicant.id));
    expect(notices.map((n) => n.link)).toContain('/portal/alliance-invitations');

    const caller = await api.as(applicant.id);
    expect((await caller.alliances.unitInvitations()).map((r) => [r.memberId, r.status, r.mentorBaseName])).toEqual([[invited.id, 'invited', lead.base.name]]);
    expect(await (await api.as(stranger.id)).alliances.unitInvitations()).toEqual([]);
    await expect((await api.as(stranger.id)).alliances.answerUnitInvitation({ memberId: invited.id, accept: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await caller.alliances.answerUnitInvitation({ memberId: invited.id, accept: true });
    expect((await caller.alliances.unitInvitations()).map((r) => r.status)).toEqual(['active']);
    // A named base's invitation stays its base managers' to answer, not an applicant's of the same unit.
    const memberRow = (await (await api.as(lead.manager.id)).alliances.manage({ allianceId })).members.find((m) => m.baseId === member.base.id)!;
    const memberApplicant = await seedUser(api.db, { roles: [{ organizationId: member.organization.id, role: 'applicant' }] });
    await expect((await api.as(memberApplicant.id)).alliances.answerUnitInvitation({ memberId: memberRow.id, accept: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a joint action with its hosting base after the lead is handed over, and hosts new ones by the new lead', async () => {
    const coordinator = await api.as(lead.manager.id);
    const fields = { ...EVENT, title: '移交前的联合行动', startsAt: at(day, '08:00'), endsAt: at(day, '09:00') };
    const before = await coordinator.alliances.createJointAction({ ...fields, allianceId });
    const memberRow = (await coordinator.alliances.manage({ allianceId })).members.find((m) => m.baseId === member.base.id)!;
    await coordinator.alliances.handOver({ allianceId, newLeadMemberId: memberRow.id });
    const saved = await coordinator.alliances.updateJointAction({ ...fields, title: '移交前的联合行动（已修改）', allianceId, eventId: before.id, version: before.version });
    expect(saved).toMatchObject({ baseId: lead.base.id, title: '移交前的联合行动（已修改）' });
    const after = await coordinator.alliances.createJointAction({ ...fields, title: '移交后的联合行动', allianceId });
    expect(after.baseId).toBe(member.base.id);
  });
});
