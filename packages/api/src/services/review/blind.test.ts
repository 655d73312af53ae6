import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { seedAcceptedNomination } from './review-testing.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;
let year = 2300;

describe.each(TEST_ENGINES)('blind review on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let expert: Awaited<ReturnType<TestApi['as']>>;
  let expertId: string;
  let currentCampaignId: string;

  /**
   * One test's own review: a year of its own (one round of a kind per year), a nomination of the
   * 秘境科学家精神馆 assigned to expert3 in a round that is blind or not, opened or not.
   */
  async function reviewOf(settings: { blind: boolean; open: boolean }) {
    const [current] = await api.db.select().from(schema.campaigns).where(eq(schema.campaigns.id, currentCampaignId));
    const [campaign] = await api.db
      .insert(schema.campaigns)
      .values({ year: ++year, title: `${current!.title}（${year}）`, phases: current!.phases, categories: current!.categories, formFields: current!.formFields })
      .returning();
    const nomination = await seedAcceptedNomination(api.db, { campaignId: campaign!.id, bodyCode: 'bast', baseName: '秘境科学家精神馆' });
    await api.db.update(schema.materials).set({ originalName: '秘境科学家精神馆-序厅.jpg' }).where(eq(schema.materials.applicationId, nomination.application.id));
    const roundId = (await office.review.createRound({ campaignId: campaign!.id, kind: 'initial', blind: settings.blind, expertsPerApplication: 1, disagreementThreshold: 20, closesAt: null })).id;
    await office.review.assign({ roundId, applicationId: nomination.application.id, expertUserId: expertId });
    if (settings.open) await office.review.openRound({ roundId });
    const [assignment] = await api.db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, roundId));
    return { nomination, roundId, assignmentId: assignment!.id };
  }

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    office = await api.as(await userId(api, 'office@demo.ssb.local'));
    expertId = await userId(api, 'expert3@demo.ssb.local');
    expert = await api.as(expertId);
    currentCampaignId = (await (await api.anonymous()).campaigns.current())!.id;
  });
  afterAll(() => api?.close());

  it('shows the expert nothing of a round the office has not opened', async () => {
    const { roundId, assignmentId } = await reviewOf({ blind: true, open: false });
    // (The demo seed's own 2022 round may list other assignments: only this round's matter here.)
    expect((await expert.review.myAssignments()).filter((a) => a.round.id === roundId)).toEqual([]);
    await expect(expert.review.assignment({ assignmentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends no identity of the unit in any expert-facing response of a blind round', async () => {
    const { nomination, roundId } = await reviewOf({ blind: true, open: true });
    const list = (await expert.review.myAssignments()).filter((a) => a.round.id === roundId);
    expect(list).toHaveLength(1);
    const detail = await expert.review.assignment({ assignmentId: list[0]!.id });
    const { organization, body, application } = nomination;
    const secrets = [
      organization.name,
      organization.uscc,
      organization.contactPhone,
      organization.contactEmail,
      organization.address,
      body.name,
      application.id,
      organization.id,
      '秘境科学家精神馆',
      '王五', // contact name
      '张三', // legal representative
      '李四', // person in charge
      '13800138000',
      '100080',
    ];
    for (const response of [list, detail]) {
      const text = JSON.stringify(response);
      for (const secret of secrets) expect(text, `leaked: ${secret}`).not.toContain(secret);
    }
    expect(detail.application.title).toMatch(/^申报 NO-[0-9A-F]{6}$/);
    expect(list[0]!.title).toBe(detail.application.title);
    expect(detail.application.organizationName).toBeNull();
    expect(detail.application.fields.map((f) => f.key)).toEqual(expect.arrayContaining(['unitType', 'category', 'exhibitionOutline', 'scientists']));
    expect(detail.application.data.exhibitionOutline).toBe(application.data.exhibitionOutline);
    expect(detail.application.materials.map((m) => m.name)).toEqual(['照片 1', '照片 2', '照片 3', '视频 1']);
    expect(detail.application.materials[0]!.url).toMatch(/^\/files\/materials\/[0-9a-f-]{36}$/);
  });

  it('keeps the expert away from the application itself, and from other experts’ assignments', async () => {
    const { nomination, assignmentId } = await reviewOf({ blind: true, open: true });
    expect(await expert.review.assignment({ assignmentId })).toBeTruthy();
    await expect(expert.review.assignment({ assignmentId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(expert.applications.get({ applicationId: nomination.application.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await api.as(await userId(api, 'expert4@demo.ssb.local'));
    await expect(other.review.assignment({ assignmentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names the unit when the round is not blind', async () => {
    // The same kind of round for the same base as above: the difference is the round's setting.
    const { nomination, roundId } = await reviewOf({ blind: false, open: true });
    const named = (await expert.review.myAssignments()).find((a) => a.round.id === roundId)!;
    const detail = await expert.review.assignment({ assignmentId: named.id });
    expect(detail.application).toMatchObject({ title: '秘境科学家精神馆', organizationName: nomination.organization.name, recommenderName: '北京市科学技术协会' });
    expect(detail.application.data.uscc).toBe(nomination.organization.uscc);
    expect(detail.application.materials[0]!.name).toBe('秘境科学家精神馆-序厅.jpg');
  });
});
