import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { DEFAULT_REVIEW_CRITERIA } from '@ssb/domain/selection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { createCampaign } from '../campaigns/manage-campaigns.ts';

describe.each(TEST_ENGINES)('score items named by the office on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let campaignId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const officeUser = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id;
    office = await api.as(officeUser);
    const phases = [
      { key: 'application' as const, startsAt: '2031-03-01T00:00:00+08:00', endsAt: '2031-04-01T00:00:00+08:00' },
      { key: 'recommendation' as const, startsAt: '2031-04-01T00:00:00+08:00', endsAt: '2031-05-01T00:00:00+08:00' },
    ];
    campaignId = (await createCampaign(api.db, { userId: officeUser }, { year: 2031, title: '2031 年度', phases })).id;
  });
  afterAll(() => api?.close());

  it('are given keys by the server; an item keeps its key when the sheet is edited', async () => {
    const settings = { blind: true, expertsPerApplication: 3, disagreementThreshold: 20, closesAt: null };
    const round = await office.review.createRound({
      campaignId,
      kind: 'initial',
      ...settings,
      criteria: [...DEFAULT_REVIEW_CRITERIA.slice(0, 2), { label: '社会影响', weight: 10, maxScore: 100 }],
    });
    expect(round.criteria.map((c) => c.key)).toEqual(['venue', 'content', 'c1']);

    const edited = await office.review.updateRound({
      roundId: round.id,
      ...settings,
      criteria: [{ label: '讲解质量', weight: 5, maxScore: 10 }, ...round.criteria.slice(1)],
    });
    expect(edited.criteria.map((c) => [c.key, c.label])).toEqual([['c2', '讲解质量'], ['content', DEFAULT_REVIEW_CRITERIA[1]!.label], ['c1', '社会影响']]);

    // Saving the settings again as read back changes nothing, so an open round still accepts it.
    await office.review.openRound({ roundId: round.id });
    const [stored] = await office.review.rounds({ campaignId });
    await expect(office.review.updateRound({ roundId: round.id, ...settings, disagreementThreshold: 25, criteria: stored!.criteria })).resolves.toMatchObject({ disagreementThreshold: 25 });
  });
});
