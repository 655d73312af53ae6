import { createHash } from 'node:crypto';
import { canonicalJson, shortCodeOf } from '@ssb/documents';
import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { appendAudit } from '../audit/append.ts';
import { exportApplicationPdf } from '../documents/export-application.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;

/** The code the platform printed before this rule: every field of the campaign's list then, blank ones as null. */
function codeOfEarlierRule(keys: string[], data: Record<string, unknown>, meta: { applicationId: string; organizationName: string; recommendingBodyName: string }) {
  const fields = Object.fromEntries(keys.map((k) => [k, data[k] ?? null]));
  return shortCodeOf(createHash('sha256').update(canonicalJson({ ...meta, fields }), 'utf8').digest('hex'));
}

describe.each(TEST_ENGINES)('a field added after printing, on %s', (engine) => {
  let api: TestApi;
  let campaignId: string;
  let officeUser: string;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let viewer: { userId: string; grants: { organizationId: string; role: string }[] };
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    campaignId = (await api.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.year, 2022) }))!.id;
    officeUser = await userId(api, 'office@demo.ssb.local');
    office = await api.as(officeUser);
    const membership = (await api.db.query.memberships.findFirst({ where: (m, { eq }) => eq(m.userId, officeUser) }))!;
    viewer = { userId: officeUser, grants: [{ organizationId: membership.organizationId, role: 'office' }] };
  });
  afterAll(() => api?.close());

  it('leaves the printed 核验码 valid: the paper copy still matches', async () => {
    const [target] = (await office.intake.list({ campaignId, page: 1, pageSize: 50 })).items;
    await exportApplicationPdf(api, viewer, target!.id);
    const printed = target!.shortCode;

    const added = await office.campaigns.addFormField({ campaignId, field: { section: 'space', label: '无障碍设施情况', type: 'textarea', required: false } });
    expect(added.field.key).toMatch(/^extra\d+$/);

    expect((await office.intake.detail({ applicationId: target!.id })).shortCode).toBe(printed);
    expect(await office.paper.check({ campaignId, text: printed })).toMatchObject({ result: 'matching', nomination: { id: target!.id } });
    expect((await office.paper.markReceived({ applicationId: target!.id, code: printed })).matchesCurrent).toBe(true);
    expect((await office.paper.overview({ campaignId })).mismatched).toEqual([]);
  });

  it('still recognises a code printed under the earlier rule for the same version, and not after an edit', async () => {
    const [, target] = (await office.intake.list({ campaignId, page: 1, pageSize: 50 })).items;
    const application = (await api.db.query.applications.findFirst({
      where: (a, { eq }) => eq(a.id, target!.id),
      with: { campaign: true, organization: true, recommendingBody: true },
    }))!;
    const meta = { applicationId: application.id, organizationName: application.organization.name, recommendingBodyName: application.recommendingBody?.name ?? '' };
    // Printed after the field was added, by the earlier rule: the code counted the new, empty field.
    const printed = codeOfEarlierRule(application.campaign.formFields.map((f) => f.key), application.data, meta);
    expect(printed).not.toBe(target!.shortCode);
    await appendAudit(api.db, { actorUserId: officeUser, action: 'export.application_pdf', entityType: 'application', entityId: application.id, data: { shortCode: printed, version: application.version } });

    expect(await office.paper.check({ campaignId, text: printed })).toMatchObject({ result: 'matching', nomination: { id: application.id } });
    expect(await office.paper.check({ campaignId, text: `http://localhost:3000/admin/paper-check?code=${printed}&id=${application.id}` })).toMatchObject({ result: 'matching' });
    expect((await office.paper.markReceived({ applicationId: application.id, code: printed })).matchesCurrent).toBe(true);
    expect((await office.paper.overview({ campaignId })).mismatched).toEqual([]);

    await api.db.update(schema.applications).set({ data: sql`${schema.applications.data} || '{"annualVisitors": 91000}'::jsonb`, version: sql`${schema.applications.version} + 1` }).where(eq(schema.applications.id, application.id));
    expect(await office.paper.check({ campaignId, text: printed })).toMatchObject({ result: 'stale' });
    expect((await office.paper.overview({ campaignId })).mismatched).toEqual([expect.objectContaining({ id: application.id, receivedCode: printed })]);
  });

  it('gives each added field its own key from the server, never typed by the office', async () => {
    const first = await office.campaigns.addFormField({ campaignId, field: { section: 'support', label: '获奖情况补充', type: 'select', required: false, options: [{ label: '有' }, { label: '无' }] } });
    const second = await office.campaigns.addFormField({ campaignId, field: { section: 'support', label: '其他说明', type: 'text', required: false } });
    expect(first.field.options).toEqual([{ value: '有', label: '有' }, { value: '无', label: '无' }]);
    expect(second.field.key).not.toBe(first.field.key);
    const keys = (await api.db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.id, campaignId) }))!.formFields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    await expect(office.campaigns.addFormField({ campaignId, field: { section: 'support', label: '其他说明', type: 'text', required: false } })).rejects.toMatchObject({ code: 'CONFLICT', message: '申报表中已有“其他说明”一项' });
    await expect(office.campaigns.addFormField({ campaignId, field: { section: 'support', label: '选项', type: 'select', required: false } })).rejects.toMatchObject({ message: '下拉选择至少需要一个选项' });
  });
});
