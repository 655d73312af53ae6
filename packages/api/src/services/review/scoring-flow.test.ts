import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedAcceptedNomination, seedEmptyCampaign } from './review-testing.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;
/** Subjects are encoded in the .eml headers; the decoded subject line is enough to tell a reminder. */
const mailsTo = (api: TestApi, address: string) =>
  readdirSync(api.mailDir)
    .filter((f) => f.includes(address.replace(/[^a-z0-9@._-]/gi, '_')))
    .map((f) => decodeSubject(readFileSync(join(api.mailDir, f), 'utf8')));
const decodeSubject = (raw: string) => {
  const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return subject.replace(/=\?utf-8\?B\?([^?]+)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8')).replace(/\r?\n[ \t]/g, '');
};
const EXPERTS = ['expert', 'expert2', 'expert3', 'expert4', 'expert5'];
const every = (value: number) => Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c) => [c.key, value]));

describe.each(TEST_ENGINES)('scoring, ranking and reminders on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let campaignId: string;
  let roundId: string;
  const experts: Record<string, string> = {};
  const noms: Record<string, string> = {};
  const units: Record<string, string> = {};

  /** The expert's assignment on a nomination in the round. */
  const assignmentOf = async (expert: string, nomination: string) =>
    (await api.db.select().from(schema.reviewAssignments).where(and(eq(schema.reviewAssignments.roundId, roundId), eq(schema.reviewAssignments.expertUserId, experts[expert]!), eq(schema.reviewAssignments.applicationId, noms[nomination]!))))[0]!;
  const submit = async (expert: string, nomination: string, value: number) => {
    const row = await assignmentOf(expert, nomination);
    return (await api.as(experts[expert]!)).review.submitScores({ assignmentId: row.id, version: row.version, scores: every(value), comment: '展陈内容扎实' });
  };

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    office = await api.as(await userId(api, 'office@demo.ssb.local'));
    campaignId = await seedEmptyCampaign(api.db);
    for (const e of EXPERTS) experts[e] = await userId(api, `${e}@demo.ssb.local`);
    for (const [key, name] of [['wide', '甲馆'], ['steady', '乙馆'], ['late', '丙馆']] as const) {
      const seeded = await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'cas', baseName: name });
      noms[key] = seeded.application.id;
      units[key] = seeded.organization.name;
    }
    roundId = (await office.review.createRound({ campaignId, kind: 'initial', blind: true, expertsPerApplication: 5, disagreementThreshold: 20, closesAt: null })).id;
    const assign = async (nomination: string, names: string[]) => {
      for (const e of names) await office.review.assign({ roundId, applicationId: noms[nomination]!, expertUserId: experts[e]! });
    };
    await assign('wide', EXPERTS);
    await assign('steady', ['expert', 'expert2', 'expert3']);
    await assign('late', ['expert4', 'expert5']);
    await office.review.openRound({ roundId });
  });
  afterAll(() => api?.close());

  it('keeps a half-filled draft, refuses a stale save, and submits only a complete sheet', async () => {
    const expert = await api.as(experts.expert!);
    const row = await assignmentOf('expert', 'wide');
    const draft = await expert.review.saveScores({ assignmentId: row.id, version: row.version, scores: { venue: 70 }, comment: '待补充' });
    expect(draft).toMatchObject({ version: row.version + 1, weightedTotal: null, status: 'assigned' });
    const stale = await expert.review.saveScores({ assignmentId: row.id, version: row.version, scores: { venue: 10 }, comment: '' }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('避免覆盖') });
    expect((stale as { cause: { conflict: unknown } }).cause.conflict).toEqual({ kind: 'score_conflict', serverVersion: draft.version, serverScores: { venue: 70 }, serverComment: '待补充' });
    await expect(expert.review.saveScores({ assignmentId: row.id, version: draft.version, scores: { venue: 120 }, comment: '' })).rejects.toMatchObject({ message: expect.stringContaining('0–100') });
    await expect(expert.review.submitScores({ assignmentId: row.id, version: draft.version, scores: { venue: 70 }, comment: '' })).rejects.toMatchObject({ message: expect.stringContaining('请为“以科学家（团队）故事和精神为主要内容”打分') });
    const reopened = await expert.review.assignment({ assignmentId: row.id });
    expect(reopened.assignment).toMatchObject({ scores: { venue: 70 }, comment: '待补充', version: draft.version });
  });

  it('ranks by the trimmed mean from five scores, flags a wide spread, and shares ranks on ties', async () => {
    for (const [e, v] of [['expert', 90], ['expert2', 80], ['expert3', 82], ['expert4', 84], ['expert5', 40]] as const) await submit(e, 'wide', v);
    for (const e of ['expert', 'expert2', 'expert3']) await submit(e, 'steady', 82);
    await submit('expert4', 'late', 70);
    // A submitted sheet is final.
    const done = await assignmentOf('expert', 'wide');
    await expect((await api.as(experts.expert!)).review.saveScores({ assignmentId: done.id, version: done.version, scores: every(1), comment: '' })).rejects.toMatchObject({ message: '评分已提交，不能再修改' });

    const { rows } = await office.review.ranking({ roundId });
    expect(rows.map((r) => [r.name, r.rank, r.count, r.mean, r.trimmedMean, r.rankingScore, r.isDisagreement])).toEqual([
      // Tied at 82: the same rank, in the order of their names (pinyin: jiǎ before yǐ).
      ['甲馆', 1, 5, 75.2, 82, 82, true],
      ['乙馆', 1, 3, 82, null, 82, false],
      ['丙馆', 3, 1, 70, null, 70, false],
    ]);
    expect(rows[0]!.spread).toBe(50);
    expect(rows[0]!.scores.map((s) => s.total)).toEqual([90, 84, 82, 80, 40]);

    const exported = await office.review.exportRanking({ roundId });
    expect(exported.csv.split('\r\n')[1]).toBe(`1,甲馆,${units.wide},中国科学院科学传播局,5,75.20,82.00,82.00,50.00,是`);
    const audits = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'review.ranking_export'));
    expect(audits).toHaveLength(1);
    expect((await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'review.submit'))).length).toBe(9);
  });

  it('shows progress per expert and reminds only experts with unfinished work, by email through the queue', async () => {
    const progress = await office.review.progress({ roundId });
    expect(progress.totals).toEqual({ assigned: 10, submitted: 9, recused: 0 });
    expect(progress.experts.find((e) => e.expertUserId === experts.expert5)).toMatchObject({ assigned: 2, submitted: 1 });

    expect(await office.review.sendReminders({ roundId })).toEqual({ reminded: 1 });
    const logged = await api.db.select().from(schema.reviewReminders).where(eq(schema.reviewReminders.roundId, roundId));
    expect(logged.map((r) => r.expertUserId)).toEqual([experts.expert5]);
    await api.runJobs();
    expect(mailsTo(api, 'expert5@demo.ssb.local').some((m) => m.includes('催办'))).toBe(true);
    expect(mailsTo(api, 'expert4@demo.ssb.local').some((m) => m.includes('催办'))).toBe(false);
    expect((await office.review.progress({ roundId })).experts.find((e) => e.expertUserId === experts.expert5)!.lastRemindedAt).not.toBeNull();
  });

  it('carries the top of the closed first round over to the final round, previewed before anything is written', async () => {
    const finalId = (await office.review.createRound({ campaignId, kind: 'final', blind: false, expertsPerApplication: 2, disagreementThreshold: 15, closesAt: null })).id;
    await expect(office.review.previewAssignment({ roundId: finalId, carryOverTopN: 1 })).rejects.toMatchObject({ message: '初评结束后才能把入围申报结转到终评' });
    expect(await office.review.closeRound({ roundId })).toEqual({ unfinished: 1 });
    await expect(office.review.assign({ roundId, applicationId: noms.late!, expertUserId: experts.expert!  })).rejects.toMatchObject({ message: '本轮评审已结束，不能再调整分配' });

    const preview = await office.review.previewAssignment({ roundId: finalId, carryOverTopN: 1 });
    // Both nominations tied at rank 1 come over: a tie at the cut is never split silently.
    expect(preview.carriedOver.map((c) => c.name).sort()).toEqual(['乙馆', '甲馆']);
    expect(preview.additions).toHaveLength(4);
    expect((await office.review.ranking({ roundId: finalId })).rows).toEqual([]);
    await office.review.applyAssignment({ roundId: finalId, additions: preview.additions.map(({ applicationId, expertUserId }) => ({ applicationId, expertUserId })) });
    const finalRows = (await office.review.ranking({ roundId: finalId })).rows;
    expect(finalRows.map((r) => r.name).sort()).toEqual(['乙馆', '甲馆']);
    // The office may still carry over another ranked nomination by hand, but never one the first round did not score.
    await expect(office.review.assign({ roundId: finalId, applicationId: noms.late!, expertUserId: experts.expert! })).resolves.toMatchObject({ id: expect.any(String) });
    const unscored = await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'cas', baseName: '丁馆' });
    await expect(office.review.assign({ roundId: finalId, applicationId: unscored.application.id, expertUserId: experts.expert! })).rejects.toMatchObject({ message: '该申报不在本轮评审范围内' });
  });
});
