import { schema } from '@ssb/db';
import { seedDemo, seedMaterials, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { renewedValidUntil } from '@ssb/domain/base-term';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { listBases } from '../base-register/list-bases.ts';
import { sendTermReminders } from '../base-register/term-reminders.ts';
import { seedFinishedReviews } from '../decisions/testing.ts';

const HOUR = 3600_000;
/** Beijing midnight of a day, as an instant. */
const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

describe.each(TEST_ENGINES)('term reminders and re-application on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let renewer: Awaited<ReturnType<TestApi['as']>>;
  let manager: Awaited<ReturnType<TestApi['as']>>;
  let campaign: { id: string; year: number };
  let base: typeof schema.bases.$inferSelect;

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const officeUser = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!;
    office = await api.as(officeUser.id);
    manager = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'base@demo.ssb.local') }))!.id);
    // 京科精基地-2022-001 was named from its 2022 nomination; the demo gives its unit an applicant who also manages the base.
    base = (await api.db.query.bases.findFirst({ where: (b, { eq }) => eq(b.number, '京科精基地-2022-001') }))!;
    renewer = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'renewal@demo.ssb.local') }))!.id);
    const current = (await (await api.anonymous()).campaigns.current())!;
    campaign = { id: current.id, year: current.year };
  });
  afterAll(() => api?.close());

  it('reminds each base’s managers once per milestone, on Beijing’s calendar, in the app, by email and in the audit', async () => {
    const url = api.config.publicUrl;
    const count = async () => (await api.db.select({ n: sql<number>`count(*)::int` }).from(schema.baseTermReminders))[0]!.n;
    // The six demo bases end on 2027-05-29 (five active or under rectification).
    expect(await sendTermReminders(api.db, url, beijingMidnight('2026-05-28'))).toBe(0);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2026-05-29'))).toBe(6);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2026-05-29'))).toBe(0);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2026-09-01'))).toBe(0);
    // 15:59 UTC on 28 November is still the 28th in Beijing; at 16:00 it is the 29th, the 6-month day.
    expect(await sendTermReminders(api.db, url, new Date('2026-11-28T15:59:59Z'))).toBe(0);
    expect(await sendTermReminders(api.db, url, new Date('2026-11-28T16:00:00Z'))).toBe(6);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2027-02-28'))).toBe(6);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2027-05-29'))).toBe(0);
    expect(await sendTermReminders(api.db, url, beijingMidnight('2027-05-30'))).toBe(0);
    expect(await count()).toBe(18);

    const titles = (await manager.account.notifications()).items.map((n) => n.title).filter((t) => t.startsWith('基地命名有效期'));
    expect(titles).toEqual(['3', '6', '12'].map((m) => `基地命名有效期还有 ${m} 个月：${base.name}`));
    const [row] = await api.db.select().from(schema.baseTermReminders).where(and(eq(schema.baseTermReminders.baseId, base.id), eq(schema.baseTermReminders.milestone, 6)));
    expect(row!.recipients).toBe(2); // base@demo and renewal@demo
    const audits = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'base.term_reminder'), eq(schema.auditLog.entityId, base.id)));
    expect(audits.map((a) => (a.data as { milestone: number }).milestone)).toEqual([12, 6, 3]);
    await api.runJobs();
    expect(api.lastMailTo('base@demo.ssb.local')?.body).toContain('命名有效期至 2027-05-29（北京时间）');

    const term = await manager.bases.term({ baseId: base.id });
    expect(term.reminders.map((r) => r.milestone).sort()).toEqual([12, 3, 6]);
  });

  it('lists in the register the terms ending within 12 months, each with its countdown', async () => {
    const page = { page: 1, pageSize: 20 };
    expect((await listBases(api.db, { ...page, isExpiringSoon: true }, beijingMidnight('2026-05-28'))).total).toBe(0);
    const soon = await listBases(api.db, { ...page, isExpiringSoon: true }, beijingMidnight('2026-12-04'));
    expect(soon.items.map((b) => b.number)).toEqual(['001', '002', '003', '004', '005', '006'].map((n) => `京科精基地-2022-${n}`));
    expect(soon.items[0]!.countdown).toMatchObject({ termStartsOn: '2022-05-30', validUntil: '2027-05-29', daysLeft: 176, monthsLeft: 5, milestone: 6 });
    expect((await office.register.list({ ...page, isExpiringSoon: true })).items.every((b) => b.countdown !== null)).toBe(true);
  });

  it('offers 重新申报 in the open campaign, pre-filled from the last application and the profile, marked as renewing the base', async () => {
    const seen = await manager.bases.term({ baseId: base.id });
    expect(seen.offers).toEqual([expect.objectContaining({ campaignId: campaign.id, year: campaign.year, application: null })]);
    expect(seen.canStartRenewal).toBe(false); // base@demo is not an applicant of the unit
    expect((await renewer.bases.term({ baseId: base.id })).canStartRenewal).toBe(true);

    const bast = (await api.db.query.recommendingBodies.findFirst({ where: (b, { eq }) => eq(b.code, 'bast') }))!;
    const started = await renewer.applications.startRenewal({ baseId: base.id, campaignId: campaign.id, recommendingBodyId: bast.id });
    expect(started.renewsBaseId).toBe(base.id);
    await expect(renewer.applications.startRenewal({ baseId: base.id, campaignId: campaign.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = (await api.db.query.bases.findFirst({ where: (b, { eq }) => eq(b.number, '京科精基地-2022-002') }))!;
    await expect(renewer.applications.startRenewal({ baseId: other.id, campaignId: campaign.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const last = (await api.db.query.applications.findFirst({ where: (a, { eq }) => eq(a.id, base.applicationId!) }))!;
    const application = await renewer.applications.get({ applicationId: started.id });
    expect(application.renewal).toMatchObject({ baseId: base.id, number: '京科精基地-2022-001', validUntil: '2027-05-29' });
    expect(application.data).toMatchObject({ baseName: base.name, exhibitionArea: last.data.exhibitionArea, threeYearPlan: last.data.threeYearPlan, bookingMethod: base.bookingInfo, scientists: base.scientists.join('、'), hostUnit: expect.any(String) });
    expect(application.data.declaration).toBeUndefined();
    expect(application.termRecord).toMatchObject({ number: '京科精基地-2022-001', namedOn: '2022-05-30', termStartsOn: '2022-05-30', validUntil: '2027-05-29' });
    // The term's annual evaluations travel with it: the demo's 2023 round rated this base 优秀.
    expect(application.termRecord!.evaluations).toEqual([{ year: 2023, outcome: 'excellent', note: '活动丰富，青少年覆盖面广', unreported: false }]);
    expect(application.termRecord!.history[0]).toMatchObject({ toStatus: 'active', reason: '命名（京科精基地-2022-001）' });
    expect(application.termRecord!.years.map((y) => y.year)[0]).toBe(2022);
    expect((await renewer.applications.mine()).find((a) => a.id === started.id)?.renewal).toEqual({ number: '京科精基地-2022-001', validUntil: '2027-05-29' });
    expect((await manager.bases.term({ baseId: base.id })).offers[0]!.application).toEqual({ id: started.id, status: 'draft' });
    const [audit] = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'application.renewal_created'), eq(schema.auditLog.entityId, started.id)));
    expect(audit!.data).toMatchObject({ number: '京科精基地-2022-001', prefilledFrom: last.id });

    // The recommender sees it marked as a renewal, with the base's number and term. Photos and videos are new ones.
    await seedMaterials(api.db, started.id);
    await renewer.applications.saveDraft({ applicationId: started.id, version: application.version, data: { ...application.data, declaration: true } });
    await renewer.applications.submit({ applicationId: started.id });
    const recommender = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'recommender@demo.ssb.local') }))!.id);
    const desk = await recommender.applications.desk({ campaignId: campaign.id });
    expect(desk.items.find((i) => i.id === started.id)?.renewal).toEqual({ number: '京科精基地-2022-001', validUntil: '2027-05-29' });
    expect((await recommender.applications.get({ applicationId: started.id })).termRecord?.number).toBe('京科精基地-2022-001');
  });

  it('names a renewal into the same base: number and history kept, term extended, status active, and reminded afresh', async () => {
    const [application] = await api.db.select().from(schema.applications).where(eq(schema.applications.renewsBaseId, base.id));
    const recommender = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'recommender@demo.ssb.local') }))!.id);
    await recommender.applications.recommend({ applicationId: application!.id });
    await api.db.insert(schema.intakeChecks).values({ applicationId: application!.id, status: 'accepted' });
    await seedFinishedReviews(api.db, campaign.id, [application!.id]);
    const ids = [application!.id];

    // The expert sees the term's record beside the form; in a blind round without what names the base.
    const expertUser = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert@demo.ssb.local') }))!;
    const [round] = await api.db.select().from(schema.reviewRounds).where(and(eq(schema.reviewRounds.campaignId, campaign.id), eq(schema.reviewRounds.kind, 'initial')));
    const [assignment] = await api.db.insert(schema.reviewAssignments).values({ roundId: round!.id, applicationId: application!.id, expertUserId: expertUser.id }).returning();
    const expert = await api.as(expertUser.id);
    const wasBlind = round!.blind;
    await api.db.update(schema.reviewRounds).set({ blind: false }).where(eq(schema.reviewRounds.id, round!.id));
    const seen = await expert.review.assignment({ assignmentId: assignment!.id });
    expect(seen.termRecord).toMatchObject({ baseId: base.id, number: '京科精基地-2022-001', validUntil: '2027-05-29' });
    expect(seen.termRecord!.history[0]!.reason).toBe('命名（京科精基地-2022-001）');
    await api.db.update(schema.reviewRounds).set({ blind: true }).where(eq(schema.reviewRounds.id, round!.id));
    const blind = await expert.review.assignment({ assignmentId: assignment!.id });
    expect(blind.termRecord).toMatchObject({ baseId: null, number: null, name: null, namedOn: '2022-05-30', validUntil: '2027-05-29' });
    expect(blind.termRecord!.history.every((h) => h.reason === null)).toBe(true);
    expect(blind.termRecord!.evaluations).toEqual([{ year: 2023, outcome: 'excellent', note: null, unreported: false }]);
    await api.db.update(schema.reviewRounds).set({ blind: wasBlind }).where(eq(schema.reviewRounds.id, round!.id));
    await api.db.delete(schema.reviewAssignments).where(eq(schema.reviewAssignments.id, assignment!.id));
    expect((await office.intake.list({ campaignId: campaign.id, page: 1, pageSize: 50 })).items.find((i) => i.id === application!.id)?.renewal).toEqual({ number: '京科精基地-2022-001', validUntil: '2027-05-29' });
    expect((await office.decisions.candidates({ campaignId: campaign.id, page: 1, pageSize: 50 })).items.find((i) => i.applicationId === application!.id)?.renewal).toEqual({ number: '京科精基地-2022-001', validUntil: '2027-05-29' });

    const shortlist = await office.decisions.preview({ campaignId: campaign.id, applicationIds: ids, outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId: campaign.id, applicationIds: ids, outcome: 'shortlisted', token: shortlist.token });
    const notice = await office.notices.create({ campaignId: campaign.id, title: `${campaign.year}年拟命名基地公示`, body: '现将拟命名名单予以公示，公示期内如有异议请实名反映。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
    await office.notices.publish({ noticeId: notice.id });
    await api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, notice.id));

    const namedOn = `${campaign.year}-05-30`;
    const expected = renewedValidUntil('2027-05-29', namedOn);
    const basesBefore = (await api.db.select({ n: sql<number>`count(*)::int` }).from(schema.bases))[0]!.n;
    const preview = await office.decisions.preview({ campaignId: campaign.id, applicationIds: ids, outcome: 'named', namedOn });
    expect(preview.changes).toEqual([expect.objectContaining({ applicationId: application!.id, number: '京科精基地-2022-001', renewal: { baseId: base.id, fromValidUntil: '2027-05-29', toValidUntil: expected } })]);
    const applied = await office.decisions.confirm({ campaignId: campaign.id, applicationIds: ids, outcome: 'named', namedOn, token: preview.token });
    expect(applied.bases).toEqual([{ id: base.id, number: '京科精基地-2022-001', name: base.name }]);

    expect((await api.db.select({ n: sql<number>`count(*)::int` }).from(schema.bases))[0]!.n).toBe(basesBefore);
    const renewed = await office.register.get({ baseId: base.id });
    expect(renewed).toMatchObject({ number: '京科精基地-2022-001', batchYear: 2022, namedOn: '2022-05-30', validUntil: expected, status: 'active', applicationId: base.applicationId });
    expect(renewed.version).toBeGreaterThan(base.version);
    expect(renewed.history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'active', '命名（京科精基地-2022-001）'],
      ['active', 'active', `复核通过，继续命名（京科精基地-2022-001），有效期延至 ${expected}`],
    ]);
    const [audit] = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'base.renewed'), eq(schema.auditLog.entityId, base.id)));
    expect(audit!.data).toMatchObject({ fromValidUntil: '2027-05-29', toValidUntil: expected, applicationId: application!.id });
    // The base is no longer in this campaign's window, and its new term is reminded from its own milestones.
    expect((await manager.bases.term({ baseId: base.id })).offers).toEqual([]);
    const newTwelve = `${Number(expected.slice(0, 4)) - 1}${expected.slice(4)}`;
    await sendTermReminders(api.db, api.config.publicUrl, beijingMidnight(newTwelve));
    const rows = await api.db.select().from(schema.baseTermReminders).where(and(eq(schema.baseTermReminders.baseId, base.id), eq(schema.baseTermReminders.validUntil, expected)));
    expect(rows.map((r) => r.milestone)).toEqual([12]);
  });

  it('never lets a revoked base re-apply, nor one whose term ends outside the window', async () => {
    const revokedOrg = (await api.db.query.bases.findFirst({ where: (b, { eq }) => eq(b.number, '京科精基地-2022-003') }))!;
    await api.db.update(schema.bases).set({ status: 'revoked' }).where(eq(schema.bases.id, revokedOrg.id));
    const applicant = await api.as((await seedUser(api.db, { roles: [{ organizationId: revokedOrg.organizationId, role: 'applicant' }] })).id);
    await expect(applicant.applications.startRenewal({ baseId: revokedOrg.id, campaignId: campaign.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '该基地已被撤销命名，不能重新申报' });
    // 2022-001 now runs to 2032: far outside this campaign's window.
    await expect(renewer.applications.startRenewal({ baseId: base.id, campaignId: campaign.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '该基地的有效期不在本年度的重新申报范围内' });
  });
});
