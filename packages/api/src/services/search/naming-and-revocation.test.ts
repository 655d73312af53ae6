import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { createEmbeddedEngine, type SearchEngine } from '@ssb/search';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedRecommendedNominations } from '../decisions/testing.ts';
import { queueSearchUpdate } from './outbox.ts';
import { drainSearchOutbox } from './process-outbox.ts';

const HOUR = 3600_000;

/**
 * The real services, not stand-ins: naming through 评选决定 puts a base into search, and revoking it
 * in the register takes it and its resources out, through the outbox in the same transactions.
 */
describe.each(TEST_ENGINES)('search follows naming and revocation on %s', (engine) => {
  let api: TestApi;
  let search: SearchEngine;
  let campaignId: string;
  let office: Awaited<ReturnType<TestApi['as']>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    search = createEmbeddedEngine(api.db);
    await search.setup();
    await drainSearchOutbox(api.db, search);
    campaignId = (await (await api.anonymous()).campaigns.current())!.id;
    office = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id);
  });
  afterAll(() => api?.close());

  const indexed = async () => new Set((await search.listIds()).map((d) => d.id));

  it('indexes a base once named, and removes it and its resources when revoked', async () => {
    const [id] = await seedRecommendedNominations(api.db, campaignId, 1, '检索命名');
    const shortlist = await office.decisions.preview({ campaignId, applicationIds: [id!], outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: [id!], outcome: 'shortlisted', token: shortlist.token });
    const notice = await office.notices.create({ campaignId, title: '拟命名基地公示', body: '现将拟命名名单予以公示，公示期内如有异议请实名反映。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
    await office.notices.publish({ noticeId: notice.id });
    await api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, notice.id));
    const naming = await office.decisions.preview({ campaignId, applicationIds: [id!], outcome: 'named' });
    const { bases } = await office.decisions.confirm({ campaignId, applicationIds: [id!], outcome: 'named', token: naming.token });
    const baseId = bases[0]!.id;

    await drainSearchOutbox(api.db, search);
    expect((await indexed()).has(baseId)).toBe(true);
    expect((await search.query({ q: '检索命名', page: 1, pageSize: 10 })).hits.map((h) => h.id)).toContain(baseId);

    // A published resource of the base is found too, until the base is revoked.
    const [resource] = await api.db
      .insert(schema.resources)
      .values({ baseId, type: 'exhibit', title: '检索命名的展品', status: 'published', publishedAt: new Date() })
      .returning();
    await queueSearchUpdate(api.db, 'resource', resource!.id);
    await drainSearchOutbox(api.db, search);
    expect((await indexed()).has(resource!.id)).toBe(true);

    const base = await office.register.get({ baseId });
    await office.register.changeStatus({ baseId, version: base.version, toStatus: 'revoked', reason: '年度评估不合格，撤销命名' });
    await drainSearchOutbox(api.db, search);
    const after = await indexed();
    expect(after.has(baseId)).toBe(false);
    expect(after.has(resource!.id)).toBe(false);
  });
});
