import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedAcceptedNomination, seedEmptyCampaign } from './review-testing.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;
const every = (value: number) => Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((c) => [c.key, value]));
const EXPERTS = ['expert', 'expert2'];

describe.each(TEST_ENGINES)('the review ranking lists only nominations accepted at intake, on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let campaignId: string;
  let roundId: string;
  const noms: Record<string, string> = {};

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    office = await api.as(await userId(api, 'office@demo.ssb.local'));
    campaignId = await seedEmptyCampaign(api.db);
    for (const [key, name] of [['kept', '留馆'], ['rejected', '驳馆'], ['withdrawn', '撤馆']] as const) {
      noms[key] = (await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'cas', baseName: name })).application.id;
    }
    roundId = (await office.review.createRound({ campaignId, kind: 'initial', blind: true, expertsPerApplication: 2, disagreementThreshold: 20, closesAt: null })).id;
    for (const applicationId of Object.values(noms)) {
      for (const e of EXPERTS) await office.review.assign({ roundId, applicationId, expertUserId: await userId(api, `${e}@demo.ssb.local`) });
    }
    await office.review.openRound({ roundId });
    // The two that leave the ranking score higher than the one that stays, so they would rank above it.
    for (const e of EXPERTS) {
      const expertId = await userId(api, `${e}@demo.ssb.local`);
      const expert = await api.as(expertId);
      for (const [key, value] of [['kept', 70], ['rejected', 95], ['withdrawn', 90]] as const) {
        const [row] = await api.db.select().from(schema.reviewAssignments).where(and(eq(schema.reviewAssignments.roundId, roundId), eq(schema.reviewAssignments.expertUserId, expertId), eq(schema.reviewAssignments.applicationId, noms[key]!)));
        await expert.review.submitScores({ assignmentId: row!.id, version: row!.version, scores: every(value), comment: '材料翔实' });
      }
    }
    // After scoring, one is no longer accepted at intake (不予受理, as a correction of the record would
    // leave it) and the other's recommendation is withdrawn, so it is no longer a nomination at all.
    await api.db.update(schema.intakeChecks).set({ status: 'rejected', correctionNote: '材料与实际不符' }).where(eq(schema.intakeChecks.applicationId, noms.rejected!));
    await api.db.update(schema.applications).set({ status: 'submitted' }).where(eq(schema.applications.id, noms.withdrawn!));
  });
  afterAll(() => api?.close());

  it('ranks, exports and carries over only the nominations accepted at intake', async () => {
    const { rows } = await office.review.ranking({ roundId });
    expect(rows.map((r) => [r.name, r.rank, r.count, r.mean])).toEqual([['留馆', 1, 2, 70]]);

    const exported = await office.review.exportRanking({ roundId });
    expect(exported.csv).toContain('留馆');
    expect(exported.csv).not.toContain('驳馆');
    expect(exported.csv).not.toContain('撤馆');

    // The experts' work on them is still visible in the round's progress.
    expect((await office.review.progress({ roundId })).totals).toEqual({ assigned: 6, submitted: 6, recused: 0 });

    await office.review.closeRound({ roundId });
    const finalId = (await office.review.createRound({ campaignId, kind: 'final', blind: false, expertsPerApplication: 1, disagreementThreshold: 15, closesAt: null })).id;
    const preview = await office.review.previewAssignment({ roundId: finalId, carryOverTopN: 3 });
    expect(preview.carriedOver.map((c) => [c.name, c.rank])).toEqual([['留馆', 1]]);
    await expect(office.review.assign({ roundId: finalId, applicationId: noms.rejected!, expertUserId: await userId(api, 'expert@demo.ssb.local') })).rejects.toMatchObject({ message: '该申报不在本轮评审范围内' });
  });
});
