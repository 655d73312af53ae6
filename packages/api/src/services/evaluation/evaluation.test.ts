import { schema } from '@ssb/db';
import { seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { DEFAULT_DIMENSION_WEIGHTS, EVALUATION_DIMENSIONS, daysOpenInYear, weightedScore } from '@ssb/domain/evaluation';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, seedManagedBase } from '../resources/fixtures.ts';
import { latestOutcomeOf } from './outcomes.ts';
import { sendEvaluationReminders } from './rounds.ts';

type Managed = Awaited<ReturnType<typeof seedManagedBase>>;
const DAY = 86_400_000;
const YEAR = 2025;
const TEXTS = Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, `本年度${d}方面的工作情况说明。`]));
const SCORES = { facilities: 80, exhibits: 90, guides: 70, education: 85, new_media: 60, management: 75 };

describe.each(TEST_ENGINES)('annual reports and evaluation on %s', (engine) => {
  let api: TestApi;
  let a: Managed, b: Managed, c: Managed, e: Managed;
  let office: { id: string }, expertA: { id: string }, expertB: { id: string }, insider: { id: string };
  let roundId = '';
  const reportIds: Record<string, string> = {};

  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    [a, b, c, e] = [await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db), await seedManagedBase(api.db)];
    const officeOrg = await seedOrganization(api.db, { name: '考核测试工作办公室', type: 'government' });
    const expertOrg = await seedOrganization(api.db, { name: '考核专家单位', type: 'university' });
    office = await seedUser(api.db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
    expertA = await seedUser(api.db, { name: '甲专家', roles: [{ organizationId: expertOrg.id, role: 'expert' }] });
    expertB = await seedUser(api.db, { name: '乙专家', roles: [{ organizationId: expertOrg.id, role: 'expert' }] });
    // An expert who works for base A's own unit: a conflict found from the data.
    insider = await seedUser(api.db, { name: '丙专家', roles: [{ organizationId: a.organization.id, role: 'expert' }] });
    await api.db.insert(schema.experts).values([
      { userId: expertA.id, organizationId: expertOrg.id },
      { userId: expertB.id, organizationId: expertOrg.id },
      { userId: insider.id, organizationId: a.organization.id },
    ]);
    // Base A's records of the year: two events (one reported, one counted at the door), two resources (one a video),
    // one approved booking of its exhibit by base B, one funding disbursement.
    const event = (title: string, month: number, walkIns: number) => ({
      baseId: a.base.id, kind: 'lecture' as const, title, startsAt: new Date(`${YEAR}-${String(month).padStart(2, "0")}-10T09:00:00+08:00`), endsAt: new Date(`${YEAR}-${String(month).padStart(2, "0")}-10T11:00:00+08:00`),
      status: 'published' as const, publishedAt: new Date(`${YEAR}-01-02T09:00:00+08:00`), walkIns,
    });
    const [reported] = await api.db.insert(schema.baseEvents).values(event('科学家故事讲座', 4, 0)).returning();
    await api.db.insert(schema.baseEvents).values([event('开放日', 9, 15), { ...event('明年的讲座', 5, 99), startsAt: new Date(`${YEAR + 1}-05-10T09:00:00+08:00`), endsAt: new Date(`${YEAR + 1}-05-10T11:00:00+08:00`) }]);
    await api.db.insert(schema.eventReports).values({ eventId: reported!.id, attendance: 120, youngPeople: 80, summary: '讲座' });
    const [exhibit] = await api.db
      .insert(schema.resources)
      .values([
        { baseId: a.base.id, type: 'exhibit', title: '手稿复制件', status: 'published', publishedAt: new Date(`${YEAR}-03-01T10:00:00+08:00`), lendable: true },
        { baseId: a.base.id, type: 'video', title: '纪录片', status: 'published', publishedAt: new Date(`${YEAR}-06-01T10:00:00+08:00`) },
        { baseId: a.base.id, type: 'course', title: '去年的课程', status: 'published', publishedAt: new Date(`${YEAR - 1}-06-01T10:00:00+08:00`) },
      ])
      .returning();
    await api.db.insert(schema.resourceBookings).values([
      { resourceId: exhibit!.id, requesterBaseId: b.base.id, startsOn: `${YEAR}-06-01`, endsOn: `${YEAR}-06-10`, status: 'approved' },
      { resourceId: exhibit!.id, requesterBaseId: c.base.id, startsOn: `${YEAR}-07-01`, endsOn: `${YEAR}-07-10`, status: 'declined' },
    ]);
    const [call] = await api.db
      .insert(schema.fundingCalls)
      .values({ title: '往年专项', year: YEAR, poolFen: 10_000_000, maxPerProjectFen: 1_000_000, kinds: ['activity'], opensAt: new Date(`${YEAR}-01-01T00:00:00+08:00`), closesAt: new Date(`${YEAR}-02-01T00:00:00+08:00`), status: 'closed', categories: ['业务费'], criteria: [{ key: 'k1', label: '意义', weight: 100, maxScore: 100 }] })
      .returning();
    const [grant] = await api.db.insert(schema.fundingApplications).values({ callId: call!.id, baseId: a.base.id, organizationId: a.organization.id, kind: 'activity', status: 'agreement_confirmed', title: '暑期研学', createdBy: a.manager.id }).returning();
    await api.db.insert(schema.fundingLedgerEntries).values([
      { callId: call!.id, applicationId: grant!.id, kind: 'disbursement', amountFen: 500_000, occurredOn: `${YEAR}-03-01` },
      { callId: call!.id, applicationId: grant!.id, kind: 'commitment', amountFen: 800_000, occurredOn: `${YEAR}-02-15` },
    ]);
  });
  afterAll(() => api?.close());

  it('the office opens a round for the year and the bases’ managers are told', async () => {
    const officeCaller = await api.as(office.id);
    const round = await officeCaller.evaluation.openRound({
      year: YEAR, title: `${YEAR}年度基地年度报告与考核`, opensOn: '2026-01-05', reportDueAt: new Date(Date.now() + 10 * DAY).toISOString(),
      baseIds: [a.base.id, b.base.id, c.base.id, e.base.id], weights: DEFAULT_DIMENSION_WEIGHTS,
    });
    roundId = round.id;
    await expect(officeCaller.evaluation.openRound({ year: YEAR, title: '重复', opensOn: '2026-01-05', reportDueAt: new Date(Date.now() + DAY).toISOString() })).rejects.toMatchObject({ code: 'CONFLICT' });
    const notices = await api.db.select().from(schema.notifications).where(eq(schema.notifications.userId, a.manager.id));
    expect(notices.map((n) => n.title)).toContain(`请填报 ${YEAR} 年度报告`);
    const view = await officeCaller.evaluation.round({ roundId });
    expect(view.bases.map((x) => x.reportState)).toEqual(['missing', 'missing', 'missing', 'missing']);
    expect(view.round.actions).toEqual(['closeReporting', 'assign']);
  });

  it('pre-fills the report with figures equal to the records they come from, each with its source', async () => {
    const manager = await api.as(a.manager.id);
    const { reportId } = await manager.evaluation.startReport({ roundId, baseId: a.base.id });
    reportIds.a = reportId;
    expect((await manager.evaluation.startReport({ roundId, baseId: a.base.id })).reportId).toBe(reportId);
    const report = await manager.evaluation.report({ reportId });
    const f = report.figures;
    expect(f.daysOpen).toMatchObject({ platform: daysOpenInYear(a.base.openingHours, YEAR), corrected: null });
    expect(f.daysOpen.source.records).toBe(6);
    expect(f.eventsHeld).toMatchObject({ platform: 2, source: { records: 2 } });
    expect(f.peopleReached.platform).toBe(135); // 120 from the report + 15 walk-ins
    expect(f.peopleReached.source.zh).toContain('1 场取自活动报告');
    expect(f.youngPeopleReached.platform).toBe(80);
    expect(f.resourcesPublished).toMatchObject({ platform: 2, source: { records: 2 } });
    expect(f.newMediaItems.platform).toBe(1);
    expect(f.resourcesShared).toMatchObject({ platform: 1, source: { records: 1 } });
    expect(f.fundingReceivedFen).toMatchObject({ platform: 500_000, source: { records: 1 } });
    expect(f.fundingReceivedFen.source.zh).toContain('5000.00');
    expect(report.actions).toEqual(['saveReport', 'submitReport']);
    // Another base's manager sees none of it.
    await expect((await api.as(b.manager.id)).evaluation.report({ reportId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect((await api.as(b.manager.id)).evaluation.startReport({ roundId, baseId: a.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes a corrected figure only with a reason, autosaves with the version and submits once complete', async () => {
    const manager = await api.as(a.manager.id);
    const reportId = reportIds.a!;
    await expect(manager.evaluation.saveReport({ reportId, version: 1, corrections: { eventsHeld: { value: 4, reason: '' } } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('理由') });
    const saved = await manager.evaluation.saveReport({ reportId, version: 1, corrections: { eventsHeld: { value: 4, reason: '两场校外进校园活动未在平台发布' } }, texts: { facilities: '场馆维修完成。' } });
    expect(saved.figures.eventsHeld).toMatchObject({ platform: 2, corrected: 4, reason: '两场校外进校园活动未在平台发布' });
    await expect(manager.evaluation.saveReport({ reportId, version: 1, texts: { exhibits: '旧页面' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(manager.evaluation.submitReport({ reportId, version: saved.version })).rejects.toMatchObject({ message: expect.stringContaining('六个方面') });
    const full = await manager.evaluation.saveReport({ reportId, version: saved.version, texts: TEXTS, answers: { highlights: '全年开展科学家精神进校园活动。' } });
    expect(full.figures.eventsHeld.corrected).toBe(4); // kept across saves
    const submitted = await manager.evaluation.submitReport({ reportId, version: full.version });
    expect(submitted.status).toBe('submitted');
    await expect(manager.evaluation.saveReport({ reportId, version: submitted.version, texts: TEXTS })).rejects.toMatchObject({ message: '年度报告已提交，不能再修改' });
    // Base E reports too; B never does; C reports.
    for (const m of [e, c]) {
      const caller = await api.as(m.manager.id);
      const started = await caller.evaluation.startReport({ roundId, baseId: m.base.id });
      reportIds[m === e ? 'e' : 'c'] = started.reportId;
      const s = await caller.evaluation.saveReport({ reportId: started.reportId, version: 1, texts: TEXTS, answers: { highlights: '年度工作亮点。' } });
      await caller.evaluation.submitReport({ reportId: started.reportId, version: s.version });
    }
    const view = await (await api.as(office.id)).evaluation.round({ roundId });
    expect(view.bases.find((x) => x.baseId === b.base.id)!.reportState).toBe('missing');
    expect(view.bases.filter((x) => x.reportState === 'submitted')).toHaveLength(3);
  });

  it('reminds bases that have not submitted, once per kind, and lists the overdue', async () => {
    const sent = await sendEvaluationReminders(api.db, new Date(Date.now() + 5 * DAY), { publicUrl: '' });
    expect(sent).toBe(1); // only B
    expect(await sendEvaluationReminders(api.db, new Date(Date.now() + 6 * DAY), { publicUrl: '' })).toBe(0);
    expect(await sendEvaluationReminders(api.db, new Date(Date.now() + 11 * DAY), { publicUrl: '' })).toBe(1);
    const later = await import('./rounds.ts').then((m) => m.evaluationRoundView(api.db, { userId: office.id, grants: [{ organizationId: 'x', role: 'office' }] }, roundId, new Date(Date.now() + 11 * DAY)));
    expect(later.overdueCount).toBe(1);
    expect(later.bases.find((x) => x.baseId === b.base.id)!.reportState).toBe('overdue');
    // The office gives B more time: no longer overdue at that moment, and reminded afresh.
    const officeCaller = await api.as(office.id);
    await expect(officeCaller.evaluation.extendDeadline({ roundId, baseId: b.base.id, dueAt: new Date(Date.now() + DAY).toISOString(), reason: '场馆维修' })).rejects.toMatchObject({ message: expect.stringContaining('晚于') });
    await officeCaller.evaluation.extendDeadline({ roundId, baseId: b.base.id, dueAt: new Date(Date.now() + 20 * DAY).toISOString(), reason: '场馆维修，延期提交' });
    const extended = await import('./rounds.ts').then((m) => m.evaluationRoundView(api.db, { userId: office.id, grants: [{ organizationId: 'x', role: 'office' }] }, roundId, new Date(Date.now() + 11 * DAY)));
    expect(extended.bases.find((x) => x.baseId === b.base.id)!.reportState).toBe('missing');
  });

  it('assigns experts from the pool with the selection’s conflict rules; experts score on the six dimensions', async () => {
    const officeCaller = await api.as(office.id);
    const plan = await officeCaller.evaluation.previewAssignment({ roundId, perReport: 2, expertUserIds: [expertA.id, expertB.id, insider.id] });
    expect(plan.conflicts).toContainEqual(expect.objectContaining({ baseId: a.base.id, expertUserId: insider.id, reason: 'same_organization' }));
    expect(plan.additions.filter((x) => x.baseId === a.base.id).map((x) => x.expertUserId).sort()).toEqual([expertA.id, expertB.id].sort());
    expect(plan.additions.some((x) => x.baseId === b.base.id)).toBe(false); // no report, nothing to score
    await officeCaller.evaluation.assign({ roundId, perReport: 2, expertUserIds: [expertA.id, expertB.id, insider.id] });
    const insiderDesk = await (await api.as(insider.id)).evaluation.myEvaluations();
    expect(insiderDesk.some((x) => x.baseId === a.base.id)).toBe(false);
    await expect((await api.as(insider.id)).evaluation.report({ reportId: reportIds.a! })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const expert = await api.as(expertA.id);
    const desk = await expert.evaluation.myEvaluations();
    const task = desk.find((x) => x.baseId === a.base.id)!;
    const read = await expert.evaluation.report({ reportId: task.reportId! });
    expect(read.figures.eventsHeld.reason).toBe('两场校外进校园活动未在平台发布');
    await expect(expert.evaluation.saveScore({ assignmentId: task.assignmentId, version: task.version, scores: { facilities: 80 }, submit: true })).rejects.toMatchObject({ message: expect.stringContaining('六个维度') });
    const scored = await expert.evaluation.saveScore({ assignmentId: task.assignmentId, version: task.version, scores: SCORES, comment: '整体良好', submit: true });
    expect(scored.weightedScore).toBe(weightedScore(SCORES, DEFAULT_DIMENSION_WEIGHTS));
    // Expert B declares a conflict on another base it was given (which one the balanced plan chose depends on ids):
    // withdrawn, and never planned for it again.
    const deskB = await (await api.as(expertB.id)).evaluation.myEvaluations();
    const other = deskB.find((x) => x.baseId !== a.base.id)!;
    await (await api.as(expertB.id)).evaluation.declareConflict({ assignmentId: other.assignmentId, reason: '曾参与该基地展陈设计' });
    expect((await (await api.as(expertB.id)).evaluation.myEvaluations()).map((x) => x.baseId)).not.toContain(other.baseId);
    const again = await officeCaller.evaluation.previewAssignment({ roundId, perReport: 2, expertUserIds: [expertA.id, expertB.id] });
    expect(again.conflicts).toContainEqual(expect.objectContaining({ baseId: other.baseId, expertUserId: expertB.id, reason: 'declared' }));
    expect(again.additions.some((x) => x.baseId === other.baseId && x.expertUserId === expertB.id)).toBe(false);
    // The three scores side by side.
    await officeCaller.evaluation.recordVisit({ roundId, baseId: a.base.id, visitedOn: '2026-02-01', visitors: '办公室 张三、专家 甲', findings: '讲解员配备不足，展陈更新较慢。', score: 68 });
    await officeCaller.evaluation.officeCheck({ roundId, baseId: a.base.id, score: 70, note: '材料齐全' });
    const scores = await officeCaller.evaluation.scores({ roundId, baseId: a.base.id });
    expect(scores.experts.find((x) => x.expertName === '甲专家')).toMatchObject({ status: 'submitted', weightedScore: scored.weightedScore });
    expect(scores.visits[0]).toMatchObject({ score: 68 });
    expect(scores.office).toMatchObject({ score: 70 });
  });

  it('previews outcomes in bulk, confirms them with the token, and moves the register', async () => {
    const officeCaller = await api.as(office.id);
    const decisions = [
      { baseId: a.base.id, outcome: 'rectify' as const, points: ['补充专职讲解员', '更新展陈内容'], deadline: '2099-06-30' },
      { baseId: b.base.id, outcome: 'rectify' as const, points: ['补交年度报告并说明未报告原因'], deadline: '2099-06-30' },
      { baseId: c.base.id, outcome: 'fail' as const, reason: '长期闭馆，未开展任何活动' },
      { baseId: e.base.id, outcome: 'pass' as const },
    ];
    await expect(officeCaller.evaluation.previewOutcomes({ roundId, decisions })).rejects.toMatchObject({ message: expect.stringContaining('截止填报') });
    await officeCaller.evaluation.closeReporting({ roundId });
    const preview = await officeCaller.evaluation.previewOutcomes({ roundId, decisions });
    expect(preview.blocked).toBe(false);
    expect(preview.items.find((i) => i.baseId === b.base.id)).toMatchObject({ unreported: true, toStatus: 'rectification' });
    expect(preview.items.find((i) => i.baseId === c.base.id)).toMatchObject({ toStatus: 'revoked' });
    expect(preview.items.find((i) => i.baseId === a.base.id)).toMatchObject({ expertMean: expect.any(Number), visitScore: 68, officeScore: 70 });
    // B cannot be 合格 without a report.
    expect((await officeCaller.evaluation.previewOutcomes({ roundId, decisions: [{ baseId: b.base.id, outcome: 'pass' }] })).blocked).toBe(true);
    await expect(officeCaller.evaluation.confirmOutcomes({ roundId, decisions, token: '0'.repeat(64) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await officeCaller.evaluation.confirmOutcomes({ roundId, decisions, token: preview.token });
    const statuses = await api.db.select({ id: schema.bases.id, status: schema.bases.status }).from(schema.bases);
    const statusOf = (id: string) => statuses.find((s) => s.id === id)!.status;
    expect([statusOf(a.base.id), statusOf(b.base.id), statusOf(c.base.id), statusOf(e.base.id)]).toEqual(['rectification', 'rectification', 'revoked', 'active']);
    const history = await api.db.select().from(schema.baseStatusEvents).where(eq(schema.baseStatusEvents.baseId, c.base.id));
    expect(history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'revoked', reason: expect.stringContaining('不合格') });
    expect((await latestOutcomeOf(api.db, e.base.id))?.outcome).toBe('pass');
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'evaluation.outcome_decided'));
    expect(audit).toHaveLength(4);
    // Deciding again is refused.
    expect((await officeCaller.evaluation.previewOutcomes({ roundId, decisions: [{ baseId: e.base.id, outcome: 'excellent' }] })).blocked).toBe(true);
  });

  it('rectification: the base answers each point, the office re-checks; still failing revokes', async () => {
    const officeCaller = await api.as(office.id);
    const managerA = await api.as(a.manager.id);
    const [rectA] = (await managerA.evaluation.mine()).rectifications;
    expect(rectA).toMatchObject({ status: 'open', deadline: '2099-06-30', actions: ['answerRectification'] });
    expect(rectA!.points.map((p) => p.point)).toEqual(['补充专职讲解员', '更新展陈内容']);
    await expect(officeCaller.evaluation.recheck({ rectificationId: rectA!.id, passed: true, note: '尚未答复就复查' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(managerA.evaluation.answerRectification({ rectificationId: rectA!.id, answers: [{ pointId: rectA!.points[0]!.id, answer: '已招聘两名专职讲解员。' }] })).rejects.toMatchObject({ message: expect.stringContaining('尚缺 1 条') });
    await expect((await api.as(e.manager.id)).evaluation.answerRectification({ rectificationId: rectA!.id, answers: rectA!.points.map((p) => ({ pointId: p.id, answer: '冒名答复内容。' })) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await managerA.evaluation.answerRectification({
      rectificationId: rectA!.id,
      answers: rectA!.points.map((p) => ({ pointId: p.id, answer: `已完成：${p.point}。`, evidence: [{ name: '照片', url: 'https://example.org/evidence.jpg' }] })),
    });
    await officeCaller.evaluation.recheck({ rectificationId: rectA!.id, passed: true, note: '整改到位，恢复正常' });
    expect((await api.db.select().from(schema.bases).where(eq(schema.bases.id, a.base.id)))[0]!.status).toBe('active');

    // B never answers; once its deadline has passed the office re-checks and revokes.
    const [rectB] = (await (await api.as(b.manager.id)).evaluation.mine()).rectifications;
    await api.db.update(schema.rectifications).set({ deadline: '2026-01-01' }).where(eq(schema.rectifications.id, rectB!.id));
    await expect((await api.as(b.manager.id)).evaluation.answerRectification({ rectificationId: rectB!.id, answers: rectB!.points.map((p) => ({ pointId: p.id, answer: '逾期后的答复。' })) })).rejects.toMatchObject({ message: expect.stringContaining('已过') });
    const list = await officeCaller.evaluation.rectifications();
    expect(list.find((r) => r.id === rectB!.id)).toMatchObject({ overdue: true, actions: ['recheckPass', 'recheckFail'] });
    await officeCaller.evaluation.recheck({ rectificationId: rectB!.id, passed: false, note: '逾期未整改，撤销命名' });
    const history = await api.db.select().from(schema.baseStatusEvents).where(eq(schema.baseStatusEvents.baseId, b.base.id)).orderBy(asc(schema.baseStatusEvents.seq));
    expect(history.map((h) => h.toStatus)).toEqual(['rectification', 'revoked']);
    expect(history[1]!.reason).toContain('复查未通过');
  });

  it('funding eligibility follows the outcome when a call asks for 合格 or better', async () => {
    const officeCaller = await api.as(office.id);
    const call = await officeCaller.funding.createCall({
      title: '2026年度专项活动工作经费（考核合格以上）', year: 2026, pool: '100000', maxPerProject: '50000', kinds: ['activity'],
      opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      criteria: [{ label: '项目意义', weight: 100, maxScore: 100 }], minOutcome: 'pass',
    });
    await officeCaller.funding.setCallStatus({ callId: call.id, status: 'open' });
    // A passed its re-check (active again) but its latest outcome is 限期整改: below 合格.
    await expect((await api.as(a.manager.id)).funding.create({ callId: call.id, baseId: a.base.id, kind: 'activity' })).rejects.toMatchObject({ message: expect.stringContaining('合格') });
    const created = await (await api.as(e.manager.id)).funding.create({ callId: call.id, baseId: e.base.id, kind: 'activity' });
    expect(created.id).toBeTruthy();
  });

  it('closes the round once every base has an outcome and publishes the counts', async () => {
    const officeCaller = await api.as(office.id);
    expect(await (await api.anonymous()).evaluation.summary()).toEqual([]);
    await officeCaller.evaluation.closeRound({ roundId });
    const [summary] = await (await api.anonymous()).evaluation.summary();
    expect(summary).toMatchObject({ year: YEAR, bases: 4, reported: 3, counts: { excellent: 0, pass: 1, rectify: 2, fail: 1, revoked: 2 } });
    const rows = await api.db.select().from(schema.evaluationResults).where(and(eq(schema.evaluationResults.roundId, roundId), eq(schema.evaluationResults.unreported, true)));
    expect(rows.map((r) => r.baseId)).toEqual([b.base.id]);
  });
});
