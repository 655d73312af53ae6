import { completeApplicationData } from '@ssb/domain/testing';
import { schema } from '@ssb/db';
import { seedDemo, seedMaterials, seedOrganization, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;

describe.each(TEST_ENGINES)('applications on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let bastId: string;
  let districtBodyId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const anonymous = await api.anonymous();
    campaignId = (await anonymous.campaigns.current())!.id;
    bastId = (await api.db.query.recommendingBodies.findFirst({ where: (b, { eq }) => eq(b.code, 'bast') }))!.id;
    districtBodyId = (await api.db.query.recommendingBodies.findFirst({ where: (b, { eq }) => eq(b.code, 'district-110108') }))!.id;
  });
  afterAll(() => api?.close());

  it('walks the whole path: draft, refused incomplete, submit, return, resubmit, recommend, unrecommend', async () => {
    const applicant = await api.as(await userId(api, 'applicant@demo.ssb.local'));
    const recommender = await api.as(await userId(api, 'recommender@demo.ssb.local'));

    const created = await applicant.applications.create({ campaignId, recommendingBodyId: bastId });
    const draft = await applicant.applications.get({ applicationId: created.id });
    expect(draft.data.hostUnit).toBe('京华航天科学家纪念馆（演示）');
    expect(draft.completeness.percent).toBeLessThan(100);

    await expect(applicant.applications.submit({ applicationId: created.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('未完成') });
    const uscc = draft.data.uscc as string;
    const saved = await applicant.applications.saveDraft({ applicationId: created.id, version: draft.version, data: completeApplicationData({ uscc }) });
    expect(saved.version).toBe(draft.version + 1);
    expect((await applicant.applications.get({ applicationId: created.id })).completeness.percent).toBe(100);
    await expect(applicant.applications.submit({ applicationId: created.id })).rejects.toMatchObject({ message: expect.stringContaining('照片须 3–5 张（现有 0 张）') });
    await seedMaterials(api.db, created.id);

    // Recommenders never see drafts.
    expect((await recommender.applications.desk({ campaignId })).items).toEqual([]);
    await applicant.applications.submit({ applicationId: created.id });
    const desk = await recommender.applications.desk({ campaignId });
    expect(desk.items).toEqual([expect.objectContaining({ id: created.id, status: 'submitted', actions: expect.arrayContaining(['recommend', 'return']) })]);
    expect(desk.quota).toEqual({ used: 0, max: 3 });

    await expect(applicant.applications.saveDraft({ applicationId: created.id, version: saved.version + 1, data: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await recommender.applications.return({ applicationId: created.id, reason: '请补充展陈大纲' });
    const returned = await applicant.applications.get({ applicationId: created.id });
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充展陈大纲', actions: ['submit'] });
    await applicant.applications.saveDraft({ applicationId: created.id, version: returned.version, data: { ...returned.data, exhibitionOutline: '序厅、求索、报国、传承、展望五个部分。' } });
    await applicant.applications.submit({ applicationId: created.id });

    await recommender.applications.recommend({ applicationId: created.id });
    expect((await recommender.applications.desk({ campaignId })).quota).toEqual({ used: 1, max: 3 });
    await expect(applicant.applications.withdraw({ applicationId: created.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await recommender.applications.unrecommend({ applicationId: created.id });
    await recommender.applications.recommend({ applicationId: created.id });

    const final = await applicant.applications.get({ applicationId: created.id });
    expect(final.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'resubmit', 'recommend', 'unrecommend', 'recommend']);
    expect(final.timeline[2]).toMatchObject({ reason: '请补充展陈大纲', actorName: '王推荐' });

    const notices = await applicant.account.notifications();
    expect(notices.items.map((n) => n.title)).toContain('申报状态更新：已退回修改');
    expect(api.lastMailTo('recommender@demo.ssb.local')).toBeNull();
    expect(await api.runJobs()).toBeGreaterThan(0);
    expect(api.lastMailTo('recommender@demo.ssb.local')?.body).toContain('请审核');
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, created.id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['application.submit', 'application.return', 'application.recommend', 'application.unrecommend']));
  });

  it('detects a concurrent edit instead of overwriting it, and returns both versions', async () => {
    const applicant = await api.as(await userId(api, 'applicant2@demo.ssb.local'));
    const created = await applicant.applications.create({ campaignId, recommendingBodyId: districtBodyId });
    const tab = await applicant.applications.get({ applicationId: created.id });
    await applicant.applications.saveDraft({ applicationId: created.id, version: tab.version, data: { ...tab.data, baseName: '第一个标签页' } });
    const error = await applicant.applications
      .saveDraft({ applicationId: created.id, version: tab.version, data: { ...tab.data, baseName: '第二个标签页' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('避免覆盖') });
    const conflict = (error as { cause: { conflict: { serverVersion: number; serverData: Record<string, unknown> } } }).cause.conflict;
    expect(conflict.serverVersion).toBe(tab.version + 1);
    expect(conflict.serverData.baseName).toBe('第一个标签页');
    const stored = await applicant.applications.get({ applicationId: created.id });
    expect(stored.data.baseName).toBe('第一个标签页');
  });

  it('refuses an autosave beyond a field\'s limits, naming the field, and keeps the stored draft', async () => {
    const applicant = await api.as(await userId(api, 'applicant2@demo.ssb.local'));
    const [mine] = (await applicant.applications.mine()).filter((a) => a.status === 'draft');
    const before = await applicant.applications.get({ applicationId: mine!.id });
    const row = { title: '科学家精神进校园', date: '2021-09-10', audience: '中学生', attendance: 500 };
    await expect(
      applicant.applications.saveDraft({ applicationId: before.id, version: before.version, data: { ...before.data, exhibitionOutline: '展'.repeat(60_000) } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '本次未保存：展陈大纲不能超过 5000 字（现有 60000 字）' });
    await expect(
      applicant.applications.saveDraft({ applicationId: before.id, version: before.version, data: { ...before.data, activities: Array.from({ length: 1000 }, () => row) } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('近三年开展的主要活动最多 200 行（现有 1000 行）') });
    const after = await applicant.applications.get({ applicationId: before.id });
    expect({ version: after.version, data: after.data }).toEqual({ version: before.version, data: before.data });
    // Within the limits, an incomplete draft still saves.
    await applicant.applications.saveDraft({ applicationId: before.id, version: before.version, data: { ...before.data, activities: Array.from({ length: 200 }, () => row), contactEmail: 'half@' } });
  });

  it('keeps each unit and each recommender to its own applications', async () => {
    const other = await seedOrganization(api.db, { name: '另一单位（测试）' });
    const stranger = await api.as((await seedUser(api.db, { roles: [{ organizationId: other.id, role: 'applicant' }] })).id);
    const [someone] = await api.db.select().from(schema.applications).limit(1);
    await expect(stranger.applications.get({ applicationId: someone!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.applications.saveDraft({ applicationId: someone!.id, version: 1, data: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const districtRecommender = await api.as(await userId(api, 'district@demo.ssb.local'));
    const [toBast] = await api.db.select().from(schema.applications).where(eq(schema.applications.recommendingBodyId, bastId));
    await expect(districtRecommender.applications.get({ applicationId: toBast!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(districtRecommender.applications.recommend({ applicationId: toBast!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a late submission, and accepts it after the office extends that recommender’s deadline', async () => {
    const [campaign] = await api.db.select().from(schema.campaigns).where(eq(schema.campaigns.id, campaignId));
    const office = await api.as(await userId(api, 'office@demo.ssb.local'));
    const past = new Date(Date.now() - 3600_000).toISOString();
    const closedPhases = campaign!.phases.map((p) => (p.key === 'application' ? { ...p, endsAt: past, startsAt: new Date(Date.now() - 86400_000 * 10).toISOString() } : p));
    await office.campaigns.updatePhases({ campaignId, phases: closedPhases });

    const org = await seedOrganization(api.db, { name: '迟到单位（测试）' });
    const late = await api.as((await seedUser(api.db, { roles: [{ organizationId: org.id, role: 'applicant' }] })).id);
    await expect(late.applications.create({ campaignId, recommendingBodyId: districtBodyId })).rejects.toMatchObject({ message: expect.stringMatching(/申报已截止（截止时间：.*北京时间）/) });

    await office.campaigns.grantExtension({ campaignId, recommendingBodyId: districtBodyId, phase: 'application', endsAt: new Date(Date.now() + 86400_000).toISOString(), reason: '区里统一组织，需延后一天' });
    const created = await late.applications.create({ campaignId, recommendingBodyId: districtBodyId });
    expect(created.status).toBe('draft');
    await expect(late.applications.create({ campaignId, recommendingBodyId: bastId })).rejects.toMatchObject({ message: expect.stringContaining('已截止') });
    const extension = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'campaign.deadline_extended'));
    expect(extension).toHaveLength(1);
    const table = await office.campaigns.quotaTable({ campaignId });
    expect(table.find((row) => row.recommendingBodyId === districtBodyId)?.extensions).toEqual([
      expect.objectContaining({ phase: 'application', reason: '区里统一组织，需延后一天' }),
    ]);
    await office.campaigns.setQuota({ campaignId, recommendingBodyId: bastId, quotaMax: 4 });
    expect(table.find((row) => row.recommendingBodyId === bastId)?.quotaMax).toBe(3);
    expect((await office.campaigns.quotaTable({ campaignId })).find((row) => row.recommendingBodyId === bastId)).toMatchObject({ quotaMax: 4, used: 1 });
    await office.campaigns.setQuota({ campaignId, recommendingBodyId: bastId, quotaMax: 3 });

    // Categories are the campaign's own: what the office sets is what applicants are offered.
    const { categories } = await office.campaigns.setCategories({ campaignId, categories: ['科技馆', '科研院所', '科研院所 '] });
    expect(categories).toEqual(['科技馆', '科研院所']);
    const current = await (await api.anonymous()).campaigns.current();
    expect(current?.categories).toEqual(['科技馆', '科研院所']);
    await office.campaigns.setCategories({ campaignId, categories: campaign!.categories });
    await office.campaigns.updatePhases({ campaignId, phases: campaign!.phases });
  });

  it('flags a unit submitted through two recommenders to the office and to each recommender', async () => {
    const applicant = await api.as(await userId(api, 'applicant@demo.ssb.local'));
    const second = await applicant.applications.create({ campaignId, recommendingBodyId: districtBodyId });
    const draft = await applicant.applications.get({ applicationId: second.id });
    await applicant.applications.saveDraft({ applicationId: second.id, version: draft.version, data: completeApplicationData({ uscc: draft.data.uscc }) });
    await seedMaterials(api.db, second.id);
    await applicant.applications.submit({ applicationId: second.id });

    const office = await api.as(await userId(api, 'office@demo.ssb.local'));
    const duplicates = await office.applications.duplicates({ campaignId });
    // Beside the demo's own duplicate of the open year (北辰材料, through 市科委 and its district).
    expect(duplicates.map((d) => d.organizationName).sort()).toEqual(['京华航天科学家纪念馆（演示）', '北辰材料科学研究所（演示）'].sort());
    expect(duplicates).toContainEqual(expect.objectContaining({ organizationName: '京华航天科学家纪念馆（演示）', recommenders: expect.arrayContaining([expect.objectContaining({ id: bastId }), expect.objectContaining({ id: districtBodyId })]) }));
    const district = await api.as(await userId(api, 'district@demo.ssb.local'));
    const item = (await district.applications.desk({ campaignId })).items.find((i) => i.id === second.id);
    expect(item?.otherRecommenders).toEqual(['北京市科学技术协会']);
  });

  it('holds the quota under 100 parallel recommendations: exactly 3 succeed, 97 get a clear error', async () => {
    const [body] = await api.db.insert(schema.recommendingBodies).values({
      code: `race-${engine}`,
      name: '名额测试推荐单位',
      kind: 'municipal',
      defaultQuotaMin: 0,
      defaultQuotaMax: 3,
      organizationId: (await seedOrganization(api.db, { name: '名额测试推荐单位' })).id,
    }).returning();
    await api.db.insert(schema.campaignQuotas).values({ campaignId, recommendingBodyId: body!.id, quotaMax: 3 });
    const recommenderUser = await seedUser(api.db, { roles: [{ organizationId: body!.organizationId, role: 'recommender' }] });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const org = await seedOrganization(api.db, { name: `并发单位${i}` });
      const [row] = await api.db
        .insert(schema.applications)
        .values({ campaignId, organizationId: org.id, recommendingBodyId: body!.id, status: 'submitted', data: completeApplicationData({ uscc: org.uscc }), submittedAt: new Date() })
        .returning();
      ids.push(row!.id);
    }
    const callers = await Promise.all(Array.from({ length: 10 }, () => api.as(recommenderUser.id)));
    const results = await Promise.allSettled(ids.map((id, i) => callers[i % 10]!.applications.recommend({ applicationId: id })));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(3);
    expect(rejected).toHaveLength(97);
    expect(rejected.every((r) => /推荐名额已用完（已推荐 3\/3）/.test(r.reason.message))).toBe(true);
    const recommended = await api.db
      .select()
      .from(schema.applications)
      .where(and(eq(schema.applications.recommendingBodyId, body!.id), eq(schema.applications.status, 'recommended')));
    expect(recommended).toHaveLength(3);
  });

  it('records that a recommender nominates nobody', async () => {
    const district = await api.as(await userId(api, 'district@demo.ssb.local'));
    await district.applications.declareNone({ campaignId, declaresNone: true, note: '本区今年无合适基地' });
    expect((await district.applications.desk({ campaignId })).declaresNone).toBe(true);
    const logged = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'recommendation.declared_none'));
    expect(logged).toHaveLength(1);
  });
});
