import { schema } from '@ssb/db';
import { seedDemo, seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedAcceptedNomination, seedEmptyCampaign } from './review-testing.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;

describe.each(TEST_ENGINES)('conflicts of interest in expert review on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let roundId: string;
  let sameUnit: Awaited<ReturnType<typeof seedAcceptedNomination>>;
  let viaBast: Awaited<ReturnType<typeof seedAcceptedNomination>>;
  let clean: Awaited<ReturnType<typeof seedAcceptedNomination>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    office = await api.as(await userId(api, 'office@demo.ssb.local'));
    const campaignId = await seedEmptyCampaign(api.db);
    for (const e of ['expert', 'expert2', 'expert3', 'expert4', 'expert5']) ids[e] = await userId(api, `${e}@demo.ssb.local`);
    // expert2 works for 北辰材料科学研究所 (set in the pool): its own unit's nomination is a conflict.
    const beichen = (await api.db.query.organizations.findFirst({ where: (o, { eq }) => eq(o.name, '北辰材料科学研究所（演示）') }))!;
    sameUnit = await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'bjkw', organizationId: beichen.id });
    // A new expert, outside the pool's unit field, who belongs to 北京市科学技术协会 through a membership only.
    viaBast = await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'bast' });
    const member = await seedUser(api.db, { name: '钱专家', roles: [{ organizationId: viaBast.body.organizationId, role: 'expert' }] });
    ids.member = member.id;
    await office.review.addExpert({ userId: member.id, organizationId: null, title: null, fields: [] });
    clean = await seedAcceptedNomination(api.db, { campaignId, bodyCode: 'cas' });
    roundId = (await office.review.createRound({ campaignId, kind: 'initial', blind: false, expertsPerApplication: 3, disagreementThreshold: 20, closesAt: null })).id;
  });
  afterAll(() => api?.close());

  it('never proposes a conflicted expert, balances the load, and previews the same plan twice', async () => {
    const preview = await office.review.previewAssignment({ roundId });
    const pairs = preview.additions.map((a) => `${a.applicationId}:${a.expertUserId}`);
    expect(pairs).not.toContain(`${sameUnit.application.id}:${ids.expert2}`);
    expect(pairs).not.toContain(`${viaBast.application.id}:${ids.member}`);
    expect(preview.additions).toHaveLength(9);
    expect(preview.shortfalls).toEqual([]);
    const after = preview.loads.map((l) => l.after);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    expect(await office.review.previewAssignment({ roundId })).toEqual(preview);
    // Nothing is written by a preview.
    expect(await api.db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, roundId))).toEqual([]);
  });

  it('shows the office each nomination’s conflicted experts before it tries to assign them', async () => {
    const { nominations } = await office.review.progress({ roundId });
    expect(nominations.find((n) => n.id === sameUnit.application.id)!.conflicts).toEqual([{ expertUserId: ids.expert2, expertName: '林专家', reason: '专家与申报单位为同一单位' }]);
    expect(nominations.find((n) => n.id === viaBast.application.id)!.conflicts).toEqual([{ expertUserId: ids.member, expertName: '钱专家', reason: '专家所在单位是该申报的推荐单位' }]);
    expect(nominations.find((n) => n.id === clean.application.id)!.conflicts).toEqual([]);
  });

  it('refuses a conflicted expert assigned by hand, with the reason in Chinese', async () => {
    await expect(office.review.assign({ roundId, applicationId: sameUnit.application.id, expertUserId: ids.expert2! })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^专家林专家与“.+”存在利益冲突（专家与申报单位为同一单位），不能分配$/),
    });
    await expect(office.review.assign({ roundId, applicationId: viaBast.application.id, expertUserId: ids.member! })).rejects.toMatchObject({
      message: expect.stringContaining('专家所在单位是该申报的推荐单位'),
    });
    // A bulk apply carrying a conflicted pair (e.g. a stale or forged preview) is refused as a whole.
    await expect(
      office.review.applyAssignment({ roundId, additions: [{ applicationId: clean.application.id, expertUserId: ids.expert2! }, { applicationId: sameUnit.application.id, expertUserId: ids.expert2! }] }),
    ).rejects.toMatchObject({ message: expect.stringContaining('利益冲突') });
    expect(await api.db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, roundId))).toEqual([]);
  });

  it('applies the previewed plan, audits each assignment, and recuses an expert who declares a conflict afterwards', async () => {
    const preview = await office.review.previewAssignment({ roundId });
    expect(await office.review.applyAssignment({ roundId, additions: preview.additions.map(({ applicationId, expertUserId }) => ({ applicationId, expertUserId })) })).toEqual({ created: 9 });
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'review.assign'));
    expect(audited).toHaveLength(9);
    await office.review.openRound({ roundId });

    const onClean = await api.db
      .select()
      .from(schema.reviewAssignments)
      .where(and(eq(schema.reviewAssignments.roundId, roundId), eq(schema.reviewAssignments.applicationId, clean.application.id)));
    const declaring = onClean[0]!;
    const expert = await api.as(declaring.expertUserId);
    await expect(expert.review.declareConflict({ assignmentId: declaring.id, reason: '近' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expert.review.declareConflict({ assignmentId: declaring.id, reason: '曾担任该馆顾问' });
    const [recused] = await api.db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.id, declaring.id));
    expect(recused!.status).toBe('recused');
    await expect(expert.review.assignment({ assignmentId: declaring.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The next preview fills the gap with somebody else, never the recused expert, and hand assignment refuses them.
    const refill = await office.review.previewAssignment({ roundId });
    expect(refill.additions.filter((a) => a.applicationId === clean.application.id)).toHaveLength(1);
    expect(refill.additions.map((a) => a.expertUserId)).not.toContain(declaring.expertUserId);
    await expect(office.review.unassign({ assignmentId: declaring.id })).resolves.toEqual({ ok: true });
    await expect(office.review.assign({ roundId, applicationId: clean.application.id, expertUserId: declaring.expertUserId })).rejects.toMatchObject({
      message: expect.stringContaining('专家已声明回避'),
    });
    const trail = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, declaring.id));
    expect(trail.map((a) => a.action)).toEqual(['review.assign', 'review.recuse', 'review.unassign']);
  });

  it('offers only expert-role accounts outside the pool, and takes a unit for conflict checks when adding one', async () => {
    const unit = (await api.db.query.organizations.findFirst({ where: (o, { eq }) => eq(o.name, '西山地质调查旧址陈列馆（演示）') }))!;
    const newcomer = await seedUser(api.db, { name: '孙专家', roles: [{ organizationId: unit.id, role: 'expert' }] });
    const candidates = await office.review.expertCandidates();
    expect(candidates.map((c) => c.userId)).toEqual([newcomer.id]);
    const applicant = await userId(api, 'applicant@demo.ssb.local');
    await expect(office.review.addExpert({ userId: applicant, organizationId: null, title: null, fields: [] })).rejects.toMatchObject({ message: expect.stringContaining('没有评审专家角色') });
    await office.review.addExpert({ userId: newcomer.id, organizationId: unit.id, title: '研究馆员', fields: ['地质学'] });
    expect(await office.review.expertCandidates()).toEqual([]);
    await expect(office.review.addExpert({ userId: newcomer.id, organizationId: null, title: null, fields: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await office.review.updateExpert({ userId: newcomer.id, organizationId: unit.id, title: '研究馆员', fields: ['地质学'], active: false });
    // An inactive expert is never proposed.
    expect((await office.review.previewAssignment({ roundId })).loads.map((l) => l.expertUserId)).not.toContain(newcomer.id);
  });

  it('keeps review procedures to their roles', async () => {
    const expert = await api.as(ids.expert!);
    await expect(expert.review.previewAssignment({ roundId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(office.review.myAssignments()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const applicant = await api.as(await userId(api, 'applicant@demo.ssb.local'));
    await expect(applicant.review.ranking({ roundId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
