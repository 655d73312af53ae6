import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedFinishedReviews, seedRecommendedNominations } from './testing.ts';

const HOUR = 3600_000;

describe.each(TEST_ENGINES)('decisions, notice and naming on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let year: number;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let officeUserId: string;

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const campaign = (await (await api.anonymous()).campaigns.current())!;
    campaignId = campaign.id;
    year = campaign.year;
    officeUserId = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id;
    office = await api.as(officeUserId);
  });
  afterAll(() => api?.close());

  /** A published notice of the current shortlist whose period has already ended (time moved on). */
  async function publishAndEndNotice() {
    const notice = await office.notices.create({ campaignId, title: `${year}年拟命名基地公示`, body: '现将拟命名名单予以公示，公示期内如有异议请实名反映。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
    await office.notices.publish({ noticeId: notice.id });
    return {
      id: notice.id,
      end: () => api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, notice.id)),
    };
  }

  it('previews exactly what apply changes, and refuses to apply a preview the data has outrun', async () => {
    const [a, b, c] = await seedRecommendedNominations(api.db, campaignId, 3, '预览');
    const preview = await office.decisions.preview({ campaignId, applicationIds: [a!, b!], outcome: 'shortlisted' });
    expect(preview.counts).toEqual({ change: 2, unchanged: 0, refused: 0 });
    expect(preview.changes.map((ch) => [ch.applicationId, ch.from, ch.to]).sort()).toEqual([[a, null, 'shortlisted'], [b, null, 'shortlisted']].sort());

    // Nothing changes until apply.
    expect(await api.db.select().from(schema.selectionDecisions).where(inArray(schema.selectionDecisions.applicationId, [a!, b!]))).toEqual([]);
    const applied = await office.decisions.confirm({ campaignId, applicationIds: [a!, b!], outcome: 'shortlisted', token: preview.token });
    expect(applied.applied).toBe(2);
    const decided = await api.db.select().from(schema.selectionDecisions).where(inArray(schema.selectionDecisions.applicationId, [a!, b!, c!]));
    expect(decided.map((d) => [d.applicationId, d.outcome]).sort()).toEqual(preview.changes.map((ch) => [ch.applicationId, ch.to]).sort());

    // A second preview of the same selection shows them unchanged; naming without notice is refused.
    expect((await office.decisions.preview({ campaignId, applicationIds: [a!, b!], outcome: 'shortlisted' })).counts).toEqual({ change: 0, unchanged: 2, refused: 0 });
    const naming = await office.decisions.preview({ campaignId, applicationIds: [a!, c!], outcome: 'named' });
    expect(naming.refused.map((r) => [r.applicationId, r.reason]).sort()).toEqual([[a, '尚未经过公示'], [c, '须先列入拟命名名单并经公示（当前：未决定）']].sort());

    // Stale preview: someone else decides C between preview and apply.
    const stale = await office.decisions.preview({ campaignId, applicationIds: [c!], outcome: 'not_selected' });
    const other = await office.decisions.preview({ campaignId, applicationIds: [c!], outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: [c!], outcome: 'shortlisted', token: other.token });
    await expect(office.decisions.confirm({ campaignId, applicationIds: [c!], outcome: 'not_selected', token: stale.token })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请重新预览') });
    expect((await api.db.query.selectionDecisions.findFirst({ where: eq(schema.selectionDecisions.applicationId, c!) }))?.outcome).toBe('shortlisted');

    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, a!));
    expect(audited.map((r) => r.action)).toContain('decision.shortlisted');

    const list = await office.decisions.candidates({ campaignId, outcome: 'shortlisted', page: 1, pageSize: 20 });
    expect(list.items.map((i) => i.applicationId)).toEqual(expect.arrayContaining([a, b, c]));
    expect(list.tally.shortlisted).toBeGreaterThanOrEqual(3);
  });

  it('only nominations accepted at intake can be shortlisted; any may be left unselected', async () => {
    const [pending, corrected] = await seedRecommendedNominations(api.db, campaignId, 2, '未受理');
    await api.db.update(schema.intakeChecks).set({ status: 'pending' }).where(eq(schema.intakeChecks.applicationId, pending!));
    await api.db.update(schema.intakeChecks).set({ status: 'correction_requested' }).where(eq(schema.intakeChecks.applicationId, corrected!));
    const shortlist = await office.decisions.preview({ campaignId, applicationIds: [pending!, corrected!], outcome: 'shortlisted' });
    expect(shortlist.counts).toEqual({ change: 0, unchanged: 0, refused: 2 });
    expect(new Set(shortlist.refused.map((r) => r.reason))).toEqual(new Set(['尚未通过形式审查（受理）']));
    const rejected = await office.decisions.preview({ campaignId, applicationIds: [pending!], outcome: 'not_selected' });
    expect(rejected.counts.change).toBe(1);
  });

  it('warns when shortlisting runs ahead of expert review, and goes on only with a recorded reason', async () => {
    const [unscored, partly, done] = await seedRecommendedNominations(api.db, campaignId, 3, '评审未完', { reviewed: false });
    // One nomination half scored (1 of 2), one fully; the first has no assignment at all.
    const [round] = await api.db.select().from(schema.reviewRounds).where(eq(schema.reviewRounds.campaignId, campaignId));
    const expert = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert@demo.ssb.local') }))!;
    const expert2 = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert2@demo.ssb.local') }))!;
    if (round) {
      await api.db.insert(schema.reviewAssignments).values([
        { roundId: round.id, applicationId: partly!, expertUserId: expert.id, status: 'submitted', weightedTotal: 80, submittedAt: new Date() },
        { roundId: round.id, applicationId: partly!, expertUserId: expert2.id, status: 'assigned' },
        { roundId: round.id, applicationId: done!, expertUserId: expert.id, status: 'submitted', weightedTotal: 90, submittedAt: new Date() },
        { roundId: round.id, applicationId: done!, expertUserId: expert2.id, status: 'recused' },
      ]);
    } else {
      await seedFinishedReviews(api.db, campaignId, [done!]);
    }

    const ids = [unscored!, partly!, done!];
    const preview = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'shortlisted' });
    expect(preview.counts.change).toBe(3);
    const warned = Object.fromEntries(preview.warnings.map((w) => [w.applicationId, w.message]));
    expect(warned[unscored!]).toBe('尚未经过专家评审（未分配评审专家）');
    if (round) expect(warned[partly!]).toBe('专家评审尚未完成（已评 1/2）');
    expect(warned[done!]).toBeUndefined();
    expect(preview.changes.find((c) => c.applicationId === done)?.review.submitted).toBeGreaterThan(0);

    // Without a reason nothing is decided; with one, the reason and the review state are in the audit.
    await expect(office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: preview.token })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('须填写继续决定的理由') });
    await expect(office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: preview.token, note: '好' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await api.db.select().from(schema.selectionDecisions).where(inArray(schema.selectionDecisions.applicationId, ids))).toEqual([]);
    const reason = '终评会议已现场评议，书面评分稍后补录';
    await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: preview.token, note: reason });
    const [audit] = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, unscored!), eq(schema.auditLog.action, 'decision.shortlisted')));
    expect(audit?.data).toMatchObject({ note: reason, aheadOfReview: '尚未经过专家评审（未分配评审专家）', review: { submitted: 0, expected: 0 } });

    // Turning a nomination down needs no review first.
    const [another] = await seedRecommendedNominations(api.db, campaignId, 1, '不予命名', { reviewed: false });
    expect((await office.decisions.preview({ campaignId, applicationIds: [another!], outcome: 'not_selected' })).warnings).toEqual([]);
  });

  it('names after the notice: objections first answered, numbers sequential per batch, bases in the register', async () => {
    const ids = await seedRecommendedNominations(api.db, campaignId, 2, '命名');
    const shortlist = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: shortlist.token });
    const notice = await publishAndEndNotice();
    // An objection filed while the notice ran, still open.
    const [objection] = await api.db.insert(schema.objections).values({ noticeId: notice.id, applicationId: ids[0]!, filerName: '王老师', filerPhone: '13800138000', body: '展陈以设备为主，科学家故事较少。' }).returning();
    await notice.end();

    const before = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'named', namedOn: `${year}-05-30` });
    expect(before.refused).toEqual([expect.objectContaining({ applicationId: ids[0], reason: '有 1 条异议尚未答复' })]);
    expect(before.changes).toEqual([expect.objectContaining({ applicationId: ids[1], number: `京科精基地-${year}-001` })]);

    await office.notices.answerObjection({ objectionId: objection!.id, answer: '经核实，该馆设有钱学森事迹专题展厅，异议不成立。' });
    await expect(office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'named', namedOn: `${year}-05-30`, token: before.token })).rejects.toMatchObject({ code: 'CONFLICT' });

    const preview = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'named', namedOn: `${year}-05-30` });
    expect(preview.counts).toEqual({ change: 2, unchanged: 0, refused: 0 });
    expect(preview.validUntil).toBe(`${year + 5}-05-29`);
    const numbers = preview.changes.map((ch) => ch.number);
    expect(numbers).toEqual([`京科精基地-${year}-001`, `京科精基地-${year}-002`]);
    const result = await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'named', namedOn: `${year}-05-30`, token: preview.token });
    expect(result.bases.map((b) => b.number)).toEqual(numbers);

    const register = await office.register.list({ batchYear: year, page: 1, pageSize: 20 });
    expect(register.items.map((b) => [b.number, b.status, b.validUntil])).toEqual(preview.changes.map((ch) => [ch.number, 'active', `${year + 5}-05-29`]));
    const base = await office.register.get({ baseId: result.bases[0]!.id });
    expect(base.scientists).toEqual(['钱学森', '邓稼先']);
    expect(base.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'active', actorName: '刘办公' })]);

    // Named is final for the decision page.
    const again = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'not_selected' });
    expect(again.refused).toHaveLength(2);
  });

  it('numbers without gaps or duplicates when several offices name at once', async () => {
    const ids = await seedRecommendedNominations(api.db, campaignId, 8, '并发');
    const shortlist = await office.decisions.preview({ campaignId, applicationIds: ids, outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: ids, outcome: 'shortlisted', token: shortlist.token });
    const notice = await publishAndEndNotice();
    await notice.end();
    const start = (await api.db.select().from(schema.bases).where(eq(schema.bases.batchYear, year))).length;

    // Four clerks, two nominations each, previewing and applying at the same time; a refused apply previews again.
    const clerk = async (mine: string[]) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const preview = await office.decisions.preview({ campaignId, applicationIds: mine, outcome: 'named' });
        if (preview.counts.change === 0) return;
        try {
          await office.decisions.confirm({ campaignId, applicationIds: mine, outcome: 'named', token: preview.token });
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== 'CONFLICT') throw error;
        }
      }
      throw new Error('never applied');
    };
    await Promise.all([0, 2, 4, 6].map((i) => clerk(ids.slice(i, i + 2))));

    const named = await api.db.select({ number: schema.bases.number }).from(schema.bases).where(eq(schema.bases.batchYear, year));
    const sequences = named.map((b) => Number(b.number.split('-').at(-1))).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: start + 8 }, (_, i) => i + 1));
  });
});
