import { schema } from '@ssb/db';
import { seedDemo, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFinishedReviews, seedRecommendedNominations } from '../decisions/testing.ts';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

describe.each(TEST_ENGINES)('the applicant sees where the file really is on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let office: Awaited<ReturnType<TestApi['as']>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await (await api.anonymous()).campaigns.current())!.id;
    office = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id);
  });
  afterAll(() => api?.close());

  it('moves from 形式审查 through 专家评审 and 公示 to 已命名, on the list and on the file', async () => {
    const [id] = await seedRecommendedNominations(api.db, campaignId, 1, '阶段', { reviewed: false });
    const application = (await api.db.query.applications.findFirst({ where: eq(schema.applications.id, id!) }))!;
    const applicantUser = await seedUser(api.db, { name: '阶段申报人', roles: [{ organizationId: application.organizationId, role: 'applicant' }] });
    const applicant = await api.as(applicantUser.id);
    const stage = async () => {
      const listed = (await applicant.applications.mine()).find((a) => a.id === id)!;
      const detail = await applicant.applications.get({ applicationId: id! });
      expect(detail.stage).toBe(listed.stage);
      expect(listed.status).toBe('recommended');
      return listed.stage;
    };

    await api.db.update(schema.intakeChecks).set({ status: 'pending' }).where(eq(schema.intakeChecks.applicationId, id!));
    expect(await stage()).toBe('intake');
    await api.db.update(schema.intakeChecks).set({ status: 'correction_requested' }).where(eq(schema.intakeChecks.applicationId, id!));
    expect(await stage()).toBe('correction');
    await api.db.update(schema.intakeChecks).set({ status: 'accepted' }).where(eq(schema.intakeChecks.applicationId, id!));
    expect(await stage()).toBe('accepted');

    await seedFinishedReviews(api.db, campaignId, [id!]);
    expect(await stage()).toBe('review');

    const shortlist = await office.decisions.preview({ campaignId, applicationIds: [id!], outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: [id!], outcome: 'shortlisted', token: shortlist.token });
    expect(await stage()).toBe('shortlisted');

    const notice = await office.notices.create({ campaignId, title: '拟命名基地公示', body: '现将拟命名名单予以公示，公示期内如有异议请实名反映。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString() });
    await office.notices.publish({ noticeId: notice.id });
    expect(await stage()).toBe('notice');

    await api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, notice.id));
    const naming = await office.decisions.preview({ campaignId, applicationIds: [id!], outcome: 'named' });
    await office.decisions.confirm({ campaignId, applicationIds: [id!], outcome: 'named', token: naming.token });
    expect(await stage()).toBe('named');
  });
});
