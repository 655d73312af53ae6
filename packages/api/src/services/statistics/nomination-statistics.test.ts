import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

describe.each(TEST_ENGINES)('nomination statistics on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await api.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) }))!.id;
  });
  afterAll(() => api?.close());

  it('counts nominations by district, category, recommender and intake status, and review assignments by status', async () => {
    const expert = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert@demo.ssb.local') }))!;
    const officeUser = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!;
    // The demo seed opened the first round and assigned experts to the nominations accepted at intake.
    const [round] = await api.db.select().from(schema.reviewRounds).where(eq(schema.reviewRounds.campaignId, campaignId));
    const assignments = await api.db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, round!.id));
    expect(assignments.length).toBeGreaterThan(1);
    await api.db.update(schema.reviewAssignments).set({ status: 'submitted' }).where(eq(schema.reviewAssignments.id, assignments[0]!.id));

    const office = await api.as(officeUser.id);
    const stats = await office.statistics.nominations({ campaignId });
    expect(stats.total).toBe(5);
    expect(stats.byDistrict[0]).toEqual({ key: '110105', label: '朝阳区', count: 2 });
    expect(stats.byDistrict.reduce((n, b) => n + b.count, 0)).toBe(5);
    expect(stats.byCategory).toContainEqual({ key: '科研院所', label: '科研院所', count: 2 });
    expect(stats.byRecommender).toHaveLength(5);
    expect(stats.byIntakeStatus).toEqual([{ key: 'pending', count: 3 }, { key: 'correction_requested', count: 0 }, { key: 'accepted', count: 2 }, { key: 'rejected', count: 0 }]);
    expect(stats.reviewProgress).toEqual([
      { kind: 'initial', counts: [{ key: 'assigned', count: assignments.length - 1 }, { key: 'submitted', count: 1 }, { key: 'recused', count: 0 }] },
      { kind: 'final', counts: [{ key: 'assigned', count: 0 }, { key: 'submitted', count: 0 }, { key: 'recused', count: 0 }] },
    ]);
    await expect((await api.as(expert.id)).statistics.nominations({ campaignId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
