import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedRecommendedNominations } from '../decisions/testing.ts';
import { OBJECTION_LOOKUP_RATE_PER_IP } from './objections.ts';

describe.each(TEST_ENGINES)("an objection's filer looks its status up by the number given, on %s", (engine) => {
  let api: TestApi;
  let noticeId: string;
  let applicationId: string;
  let office: Awaited<ReturnType<TestApi['as']>>;

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const campaignId = (await (await api.anonymous()).campaigns.current())!.id;
    office = await api.as((await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!.id);
    [applicationId] = (await seedRecommendedNominations(api.db, campaignId, 1, '查询')) as [string];
    const preview = await office.decisions.preview({ campaignId, applicationIds: [applicationId], outcome: 'shortlisted' });
    await office.decisions.confirm({ campaignId, applicationIds: [applicationId], outcome: 'shortlisted', token: preview.token });
    const draft = await office.notices.create({ campaignId, title: '拟命名基地名单公示（查询）', body: '公示期内如有异议，可通过本页面实名提出。', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86400_000).toISOString() });
    noticeId = draft.id;
    await office.notices.publish({ noticeId });
  });
  afterAll(() => api?.close());

  it('finds it by the reference and the phone given, shows the answer once given, and reveals nothing to a wrong phone', async () => {
    const visitor = await api.anonymous('203.0.113.40');
    const filed = await visitor.notices.fileObjection({ noticeId, applicationId, filerName: '王芳', filerPhone: '010-62345678', body: '该馆近三年未常态化开放，与申报材料不符。' });
    const reference = filed.id.slice(0, 8).toUpperCase();

    const open = await visitor.notices.lookUpObjection({ reference, phone: '01062345678' });
    expect(open).toMatchObject({ reference, status: 'open', noticeTitle: '拟命名基地名单公示（查询）', answer: null });
    await expect(visitor.notices.lookUpObjection({ reference, phone: '13900000000' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '未找到该异议：请核对受理编号和提交时填写的联系电话' });
    await expect(visitor.notices.lookUpObjection({ reference: 'not-hex!', phone: '01062345678' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('受理编号为 8 位') });

    await office.notices.answerObjection({ objectionId: filed.id, answer: '经实地核查，该馆每周开放六天，异议不成立。' });
    const answered = await visitor.notices.lookUpObjection({ reference: reference.toLowerCase(), phone: '010 6234 5678' });
    expect(answered).toMatchObject({ status: 'answered', answer: '经实地核查，该馆每周开放六天，异议不成立。' });
    expect(JSON.stringify(answered)).not.toContain('王芳');
  });

  it('stops one address guessing references after the hourly limit, with a Chinese message', async () => {
    const guesser = await api.anonymous('203.0.113.41');
    for (let i = 0; i < OBJECTION_LOOKUP_RATE_PER_IP.limit; i++) {
      await expect(guesser.notices.lookUpObjection({ reference: i.toString(16).padStart(8, '0'), phone: '13912345678' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(guesser.notices.lookUpObjection({ reference: 'ffffffff', phone: '13912345678' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: '查询过于频繁，请一小时后再试' });
  });
});
