import { schema } from '@ssb/db';
import { seedDemo, seedMaterials, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { assertMayUpload } from '../materials/register-material.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;
const inTwoDays = () => new Date(Date.now() + 2 * 86400_000).toISOString();

describe.each(TEST_ENGINES)('intake (形式审查) on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let office: Awaited<ReturnType<TestApi['as']>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await api.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.isDemo, true) }))!.id;
    office = await api.as(await userId(api, 'office@demo.ssb.local'));
  });
  afterAll(() => api?.close());

  const nominationOf = async (baseName: string, recommender?: string) => {
    const list = await office.intake.list({ campaignId, page: 1, pageSize: 50 });
    return list.items.find((i) => i.baseName === baseName && (!recommender || i.recommendingBody?.name === recommender))!;
  };

  it('lists every nomination with filters, counts, duplicates and what blocks each', async () => {
    const list = await office.intake.list({ campaignId, page: 1, pageSize: 50 });
    expect(list.total).toBe(5);
    expect(list.counts).toMatchObject({ pending: 3, accepted: 2, all: 5, duplicates: 2 });
    const small = list.items.find((i) => i.baseName === '燕园科学家故事馆（演示）')!;
    expect(small.blocking).toEqual(expect.arrayContaining([expect.stringContaining('照片'), expect.stringContaining('纸质材料')]));

    const duplicates = await office.intake.list({ campaignId, page: 1, pageSize: 50, duplicatesOnly: true });
    expect(duplicates.items.map((i) => i.organizationName)).toEqual(['北辰材料科学研究所（演示）', '北辰材料科学研究所（演示）']);
    expect(duplicates.items[0]!.otherRecommenders).toHaveLength(1);
    expect((await office.intake.list({ campaignId, page: 1, pageSize: 50, districtCode: '110109' })).items.map((i) => i.baseName)).toEqual(['西山地质调查旧址陈列馆（演示）']);
    expect((await office.intake.list({ campaignId, page: 1, pageSize: 50, category: '学校' })).total).toBe(1);
    const bodyId = list.options.recommenders.find((r) => r.name === '中国科学院科学传播局')!.id;
    expect((await office.intake.list({ campaignId, page: 1, pageSize: 50, recommendingBodyId: bodyId })).items.map((i) => i.baseName)).toEqual(['京师理工科学家精神馆（演示）']);
    const page2 = await office.intake.list({ campaignId, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(2);
    expect(page2.total).toBe(5);
  });

  it('return with a deadline → the applicant corrects and replies → the office accepts; the quota place is kept throughout', async () => {
    const applicant = await api.as(await userId(api, 'applicant2@demo.ssb.local'));
    const target = await nominationOf('北辰材料科学家精神馆（演示）', '北京市科学技术委员会、中关村科技园区管理委员会');
    const body = await api.db.query.recommendingBodies.findFirst({ where: (b, { eq }) => eq(b.code, 'bjkw') });
    const recommenderEmail = `bjkw-${engine}@example.org`;
    await seedUser(api.db, { email: recommenderEmail, name: '科委推荐人', roles: [{ organizationId: body!.organizationId, role: 'recommender' }] });

    // Not yet editable: recommended and no correction asked.
    const before = await applicant.applications.get({ applicationId: target.id });
    expect(before.editable).toBe(false);
    expect((await office.intake.detail({ applicationId: target.id })).actions).toEqual(['reject', 'requestCorrection', 'accept']);
    await expect(applicant.applications.saveDraft({ applicationId: target.id, version: before.version, data: before.data })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await applicant.intake.myCorrection({ applicationId: target.id })).toBeNull();

    await expect(office.intake.requestCorrection({ applicationId: target.id, note: '请补充展陈大纲', deadline: new Date(Date.now() - 1000).toISOString() })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('晚于当前时间') });
    const deadline = inTwoDays();
    const returned = await office.intake.requestCorrection({ applicationId: target.id, note: '请补充展陈大纲中的第五部分', deadline });
    expect(returned.intake).toMatchObject({ status: 'correction_requested', correctionNote: '请补充展陈大纲中的第五部分' });
    expect(returned.actions).toEqual(['reject', 'requestCorrection']);
    expect((await applicant.applications.get({ applicationId: target.id })).editable).toBe(true);

    const banner = await applicant.intake.myCorrection({ applicationId: target.id });
    expect(banner).toMatchObject({ status: 'correction_requested', note: '请补充展陈大纲中的第五部分', isOpen: true, repliedAt: null });
    expect((await applicant.account.notifications()).items.map((n) => n.title)).toContain('形式审查退回补正：北辰材料科学家精神馆（演示）');
    await api.runJobs();
    expect(api.lastMailTo(recommenderEmail)?.body).toContain('推荐名额保留');

    // The applicant edits during the correction — form and materials — and the application stays recommended.
    const row = (await api.db.query.applications.findFirst({ where: (a, { eq }) => eq(a.id, target.id) }))!;
    const applicantViewer = { userId: await userId(api, 'applicant2@demo.ssb.local'), grants: [{ organizationId: row.organizationId, role: 'applicant' }] };
    await expect(assertMayUpload(api.db, applicantViewer, { applicationId: target.id, kind: 'photo' })).resolves.toMatchObject({ id: target.id });
    const saved = await applicant.applications.saveDraft({ applicationId: target.id, version: before.version, data: { ...before.data, exhibitionOutline: '序厅、求索、报国、传承、展望五个部分。' } });
    const after = await applicant.applications.get({ applicationId: target.id });
    expect(after).toMatchObject({ status: 'recommended', version: saved.version });

    const replied = await applicant.intake.replyCorrection({ applicationId: target.id, message: '已补充第五部分' });
    expect(replied).toMatchObject({ status: 'pending', isOpen: false, repliedAt: expect.anything() });
    await expect(applicant.intake.replyCorrection({ applicationId: target.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(applicant.applications.saveDraft({ applicationId: target.id, version: saved.version, data: after.data })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await applicant.applications.get({ applicationId: target.id })).editable).toBe(false);
    expect((await office.account.notifications()).items.map((n) => n.title)).toContain('已提交补正：北辰材料科学家精神馆（演示）');

    // Accepting needs the whole checklist: paper first, then the manual items.
    await expect(office.intake.accept({ applicationId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('纸质材料') });
    const detail = await office.intake.detail({ applicationId: target.id });
    await office.paper.markReceived({ applicationId: target.id, code: detail.shortCode });
    for (const key of ['sealsAndSignatures', 'paperMatchesElectronic', 'noClassifiedMaterial'] as const) {
      await office.intake.setChecklistItem({ applicationId: target.id, key, checked: true });
    }
    const accepted = await office.intake.accept({ applicationId: target.id });
    expect(accepted.intake.status).toBe('accepted');
    expect(accepted.blocking).toEqual([]);
    expect(accepted.actions).toEqual([]);
    await expect(office.intake.requestCorrection({ applicationId: target.id, note: '再次补正', deadline })).rejects.toMatchObject({ code: 'CONFLICT' });

    const [application] = await api.db.select().from(schema.applications).where(eq(schema.applications.id, target.id));
    expect(application!.status).toBe('recommended');
    const timeline = (await applicant.applications.get({ applicationId: target.id })).timeline.map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['intake_correction', 'intake_reply', 'intake_accept']));
    const audited = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.entityType, 'application'), eq(schema.auditLog.entityId, target.id)));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['intake.request_correction', 'intake.correction_edit', 'intake.reply_correction', 'paper.received', 'intake.checklist', 'intake.accept']));
    expect((await office.intake.list({ campaignId, page: 1, pageSize: 50 })).counts).toMatchObject({ accepted: 3, pending: 2 });
  });

  it('refuses edits and a reply after the correction deadline, with a clear message', async () => {
    const target = await nominationOf('燕园科学家故事馆（演示）');
    const org = await api.db.query.organizations.findFirst({ where: (o, { eq }) => eq(o.name, '燕园实验中学科学家故事馆（演示）') });
    const applicant = await api.as((await seedUser(api.db, { roles: [{ organizationId: org!.id, role: 'applicant' }] })).id);
    await office.intake.requestCorrection({ applicationId: target.id, note: '照片不足 3 张，请补充', deadline: inTwoDays() });
    await api.db.update(schema.intakeChecks).set({ correctionDeadline: new Date(Date.now() - 60_000) }).where(eq(schema.intakeChecks.applicationId, target.id));

    expect(await applicant.intake.myCorrection({ applicationId: target.id })).toMatchObject({ isOpen: false });
    await expect(applicant.intake.replyCorrection({ applicationId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/补正期限已于 .*（北京时间） 截止/) });
    const current = await applicant.applications.get({ applicationId: target.id });
    await expect(applicant.applications.saveDraft({ applicationId: target.id, version: current.version, data: current.data })).rejects.toMatchObject({ message: expect.stringContaining('补正期限已于') });
    const [photo] = await api.db.select().from(schema.materials).where(eq(schema.materials.applicationId, target.id)).limit(1);
    await expect(applicant.applications.deleteMaterial({ materialId: photo!.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('补正期限已于') });
  });

  it('previews a bulk acceptance before applying it, and applies only the ready ones', async () => {
    const list = await office.intake.list({ campaignId, page: 1, pageSize: 50 });
    const ready = list.items.find((i) => i.baseName === '京师理工科学家精神馆（演示）')!;
    expect(ready.blocking).toEqual(expect.arrayContaining([expect.stringContaining('视频')]));
    await seedMaterials(api.db, ready.id, { photo: 0, video: 1 });
    await office.paper.markReceived({ applicationId: ready.id, code: ready.shortCode });
    for (const key of ['sealsAndSignatures', 'paperMatchesElectronic', 'noClassifiedMaterial'] as const) {
      await office.intake.setChecklistItem({ applicationId: ready.id, key, checked: true });
    }
    const ids = list.items.map((i) => i.id);
    const preview = await office.intake.previewBulkAccept({ campaignId, applicationIds: ids });
    expect(preview.ready.map((r) => r.baseName)).toEqual(['京师理工科学家精神馆（演示）']);
    expect(preview.skipped).toHaveLength(4);
    expect(preview.skipped.find((s) => s.baseName === '燕园科学家故事馆（演示）')!.reasons).toEqual(['状态为“退回补正”']);
    const applied = await office.intake.applyBulkAccept({ campaignId, applicationIds: preview.ready.map((r) => r.id) });
    expect(applied).toEqual({ accepted: 1, failed: [] });
    expect((await office.intake.list({ campaignId, page: 1, pageSize: 50, status: 'accepted' })).total).toBe(4);
  });

  it('rejects a nomination whose correction lapsed, with the reason told and audited; an accepted one cannot be rejected', async () => {
    const lapsed = await nominationOf('燕园科学家故事馆（演示）');
    await expect(office.intake.reject({ applicationId: lapsed.id, reason: '短' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await office.intake.reject({ applicationId: lapsed.id, reason: '逾期未补正，照片不足 3 张' });
    expect((await nominationOf('燕园科学家故事馆（演示）')).intake.status).toBe('rejected');
    const [audit] = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'intake.reject'));
    expect(audit).toMatchObject({ entityId: lapsed.id, data: expect.objectContaining({ reason: '逾期未补正，照片不足 3 张' }) });
    const events = await api.db.select().from(schema.applicationEvents).where(eq(schema.applicationEvents.applicationId, lapsed.id));
    expect(events.map((e) => e.action)).toContain('intake_reject');

    const accepted = await nominationOf('京师理工科学家精神馆（演示）');
    await expect(office.intake.reject({ applicationId: accepted.id, reason: '材料不符合要求' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不能不予受理') });
  });

  it('is the office’s alone', async () => {
    for (const email of ['applicant@demo.ssb.local', 'recommender@demo.ssb.local', 'expert@demo.ssb.local']) {
      const caller = await api.as(await userId(api, email));
      await expect(caller.intake.list({ campaignId, page: 1, pageSize: 20 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const stranger = await api.as(await userId(api, 'applicant@demo.ssb.local'));
    const [someone] = await api.db.select().from(schema.applications).where(eq(schema.applications.campaignId, campaignId)).limit(1);
    await expect(stranger.intake.myCorrection({ applicationId: someone!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
