import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedRecommendedNominations } from '../decisions/testing.ts';
import { getPublicNotice, listPublicNotices } from './public-notices.ts';

const HOUR = 3600_000;

describe.each(TEST_ENGINES)('public notice and objections on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let listed: string[];
  let notListed: string;
  let noticeId: string;
  const objection = (over: Record<string, unknown> = {}) => ({ noticeId, applicationId: listed[0]!, filerName: '李华', filerPhone: '13912345678', filerEmail: 'lihua@example.org', body: '该馆近三年未常态化开放，与申报材料不符。', ...over });

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await (await api.anonymous()).campaigns.current())!.id;
    office = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id);
    const ids = await seedRecommendedNominations(api.db, campaignId, 3, '公示');
    listed = ids.slice(0, 2);
    notListed = ids[2]!;
    const preview = await office.decisions.preview({ campaignId, applicationIds: listed, outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: listed, outcome: 'shortlisted', token: preview.token });
    const draft = await office.notices.create({ campaignId, title: '拟命名科学家精神教育基地名单公示', body: '公示期内，任何单位和个人如有异议，可通过本页面实名提出。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 5 * 24 * HOUR).toISOString() });
    noticeId = draft.id;
  });
  afterAll(() => api?.close());

  it('keeps a draft private, then publishes the shortlist frozen at that moment', async () => {
    const visitor = await api.anonymous('203.0.113.1');
    await expect(visitor.notices.publicGet({ noticeId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(visitor.notices.fileObjection(objection())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const row = async () => (await office.notices.list({ campaignId })).items.find((n) => n.id === noticeId);
    expect(await row()).toMatchObject({ actions: ['edit', 'publish'], isScheduled: false });
    await office.notices.publish({ noticeId });
    expect(await row()).toMatchObject({ actions: [], isScheduled: false });
    await expect(office.notices.publish({ noticeId })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Shortlisting another one later does not change what was published.
    const later = await office.decisions.preview({ campaignId, applicationIds: [notListed], outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: [notListed], outcome: 'shortlisted', token: later.token });
    const page = await visitor.notices.publicGet({ noticeId });
    expect(page.isOpen).toBe(true);
    expect(page.entries.map((e) => e.applicationId).sort()).toEqual([...listed].sort());
    expect(page.entries[0]).toEqual({ applicationId: expect.any(String), baseName: expect.stringContaining('公示科学家精神馆'), hostUnit: expect.any(String), category: '科技馆', districtName: expect.stringMatching(/区$/) });
    expect((await visitor.notices.publicList()).map((n) => n.id)).toContain(noticeId);
    await expect(office.notices.update({ noticeId, title: '改标题试试', body: '已发布的公示不能再改。', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('takes objections from anyone, with a phone that can be called, only against listed nominations', async () => {
    const visitor = await api.anonymous('203.0.113.2');
    await expect(visitor.notices.fileObjection(objection({ filerPhone: '12345' }))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('请填写有效的手机号或固定电话') });
    await expect(visitor.notices.fileObjection(objection({ body: '不同意' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(visitor.notices.fileObjection(objection({ applicationId: notListed }))).rejects.toMatchObject({ message: '所选基地不在本次公示名单中' });
    const filed = await visitor.notices.fileObjection(objection());
    expect(Object.keys(filed).sort()).toEqual(['filedAt', 'id']);

    const seen = await office.notices.get({ noticeId });
    expect(seen.objections).toEqual([expect.objectContaining({ id: filed.id, filerName: '李华', filerPhone: '13912345678', status: 'open', baseName: expect.stringContaining('公示科学家精神馆') })]);
    // The public page never shows who objected.
    expect(JSON.stringify(await visitor.notices.publicGet({ noticeId }))).not.toContain('13912345678');
    const officeNotice = await api.db.select().from(schema.notifications).where(eq(schema.notifications.title, '公示收到新的异议'));
    expect(officeNotice.length).toBeGreaterThan(0);

    await office.notices.answerObjection({ objectionId: filed.id, answer: '经实地核查，该馆每周二至周日开放，异议不成立。' });
    await expect(office.notices.answerObjection({ objectionId: filed.id, answer: '重复答复一次。' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await office.notices.get({ noticeId })).objections[0]).toMatchObject({ status: 'answered', answer: expect.stringContaining('异议不成立') });
    await api.runJobs();
    expect(api.lastMailTo('lihua@example.org')?.body).toContain('异议不成立');
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, filed.id));
    expect(audited.map((a) => a.action)).toEqual(['objection.file', 'objection.answer']);
  });

  it('limits objections per address', async () => {
    const flood = await api.anonymous('198.51.100.7');
    for (let i = 0; i < 5; i++) await flood.notices.fileObjection(objection({ filerEmail: `flood${i}@example.org`, body: `第 ${i + 1} 条异议：材料中的开放天数与实际不符。` }));
    await expect(flood.notices.fileObjection(objection({ filerEmail: 'flood9@example.org' }))).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another visitor is not held back.
    await (await api.anonymous('198.51.100.8')).notices.fileObjection(objection({ filerEmail: 'other@example.org' }));
  });

  it('limits objections per e-mail address, which the answer is mailed to, whatever network they come from', async () => {
    const stranger = 'Victim@Example.org';
    for (let i = 0; i < 5; i++) await (await api.anonymous(`192.0.2.${10 + i}`)).notices.fileObjection(objection({ filerEmail: i % 2 ? stranger : stranger.toLowerCase() }));
    await expect((await api.anonymous('192.0.2.99')).notices.fileObjection(objection({ filerEmail: stranger }))).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('频繁') });
    // Without an address only the network limit applies.
    await (await api.anonymous('192.0.2.99')).notices.fileObjection(objection({ filerEmail: '' }));
  });

  it('accepts objections only during the notice period, and closes only after it', async () => {
    await expect(office.notices.close({ noticeId })).rejects.toMatchObject({ code: 'CONFLICT', message: '公示期尚未结束，不能提前结束公示' });
    await api.db.update(schema.publicNotices).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(schema.publicNotices.id, noticeId));
    const visitor = await api.anonymous('203.0.113.3');
    await expect(visitor.notices.fileObjection(objection())).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '公示期已结束，不再受理异议' });
    expect((await visitor.notices.publicGet({ noticeId })).isOpen).toBe(false);
    expect((await office.notices.list({ campaignId })).items.find((n) => n.id === noticeId)).toMatchObject({ actions: ['close'] });
    await office.notices.close({ noticeId });
    expect((await office.notices.list({ campaignId })).items.find((n) => n.id === noticeId)).toMatchObject({ status: 'closed', entries: 2, objections: 13, openObjections: 12, actions: [] });

    const future = await office.notices.create({ campaignId, title: '第二批拟命名名单公示', body: '下周开始公示，公示期五个工作日。', startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), endsAt: new Date(Date.now() + 6 * 24 * HOUR).toISOString() });
    await office.notices.publish({ noticeId: future.id });
    expect((await office.notices.list({ campaignId })).items.find((n) => n.id === future.id)).toMatchObject({ actions: [], isScheduled: true });
    await expect(visitor.notices.fileObjection(objection({ noticeId: future.id, applicationId: notListed }))).rejects.toMatchObject({ message: '公示尚未开始，暂不受理异议' });
  });

  it('starts a period that should have begun when it is published, and keeps a scheduled notice from the public until its start', async () => {
    const visitor = await api.anonymous('203.0.113.4');
    const late = await office.notices.create({ campaignId, title: '补发的拟命名名单公示', body: '公示期原定两小时前开始，今天发布。', startsAt: new Date(Date.now() - 2 * HOUR).toISOString(), endsAt: new Date(Date.now() + 5 * 24 * HOUR).toISOString() });
    const before = Date.now();
    const published = await office.notices.publish({ noticeId: late.id });
    // Nobody could read the list or object before it was published, so the period runs from then.
    expect(published.startsAt.getTime()).toBe(published.publishedAt!.getTime());
    expect(published.startsAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(await visitor.notices.publicGet({ noticeId: late.id })).toMatchObject({ isOpen: true, startsAt: published.startsAt });
    const [audit] = await api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, late.id), eq(schema.auditLog.action, 'notice.publish')));
    expect(audit?.data).toMatchObject({ startsAt: published.startsAt.toISOString() });

    const start = new Date(Date.now() + 2 * 24 * HOUR);
    const scheduled = await office.notices.create({ campaignId, title: '定时发布的拟命名名单公示', body: '后天上午开始公示，公示期五天，欢迎监督。', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 5 * 24 * HOUR).toISOString() });
    await office.notices.publish({ noticeId: scheduled.id });
    // The office sees it published with the start it chose (待开始); the public does not see it yet.
    expect((await office.notices.list({ campaignId })).items.find((n) => n.id === scheduled.id)).toMatchObject({ status: 'published', startsAt: start, entries: 3 });
    await expect(visitor.notices.publicGet({ noticeId: scheduled.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '公示不存在或尚未发布' });
    expect((await visitor.notices.publicList()).map((n) => n.id)).not.toContain(scheduled.id);
    await expect(visitor.notices.fileObjection(objection({ noticeId: scheduled.id }))).rejects.toMatchObject({ message: '公示尚未开始，暂不受理异议' });
    // From its start on, anyone reads it and may object.
    const then = new Date(start.getTime() + 60_000);
    expect(await getPublicNotice(api.db, { noticeId: scheduled.id }, then)).toMatchObject({ isOpen: true, startsAt: start });
    expect((await listPublicNotices(api.db, then)).map((n) => n.id)).toContain(scheduled.id);
  });
});
