import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { exportApplicationPdf } from '../documents/export-application.ts';
import { parsePaperInput } from './check-paper.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;

describe('reading what was typed or scanned', () => {
  it('takes a short code in any case with or without the hyphen, or the QR’s URL', () => {
    expect(parsePaperInput(' 7k3qw9xh2m ')).toEqual({ code: '7K3QW-9XH2M', applicationId: null });
    const id = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc';
    expect(parsePaperInput(`http://localhost:3000/admin/paper-check?code=7K3QW-9XH2M&id=${id}`)).toEqual({ code: '7K3QW-9XH2M', applicationId: id });
    expect(parsePaperInput('not a code')).toEqual({ code: null, applicationId: null });
  });
});

describe.each(TEST_ENGINES)('paper reconciliation on %s', (engine) => {
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

  it('matching code, stale code after an edit, unknown code', async () => {
    const list = await office.intake.list({ campaignId, page: 1, pageSize: 50 });
    const target = list.items.find((i) => i.baseName === '西山地质调查旧址陈列馆（演示）')!;
    // The PDF printed now carries this code; the export is logged with it.
    const officeUser = await userId(api, 'office@demo.ssb.local');
    const officeGrants = [{ organizationId: (await api.db.query.memberships.findFirst({ where: (m, { eq }) => eq(m.userId, officeUser) }))!.organizationId, role: 'office' }];
    await exportApplicationPdf(api, { userId: officeUser, grants: officeGrants }, target.id);
    const printed = target.shortCode;

    const typed = await office.paper.check({ campaignId, text: printed.replace('-', '').toLowerCase() });
    expect(typed).toMatchObject({ result: 'matching', code: printed, nomination: { id: target.id, baseName: '西山地质调查旧址陈列馆（演示）' } });
    const scanned = await office.paper.check({ campaignId, text: `http://localhost:3000/admin/paper-check?code=${printed}&id=${target.id}` });
    expect(scanned).toMatchObject({ result: 'matching', nomination: { id: target.id } });

    // The electronic form changes after printing: the paper copy is now an older version.
    await api.db
      .update(schema.applications)
      .set({ data: sql`${schema.applications.data} || '{"annualVisitors": 90000}'::jsonb`, version: sql`${schema.applications.version} + 1` })
      .where(eq(schema.applications.id, target.id));
    expect(await office.paper.check({ campaignId, text: printed })).toMatchObject({ result: 'stale', nomination: { id: target.id } });
    expect(await office.paper.check({ campaignId, text: `http://localhost:3000/admin/paper-check?code=${printed}&id=${target.id}` })).toMatchObject({ result: 'stale' });

    expect(await office.paper.check({ campaignId, text: '00000-00000' })).toMatchObject({ result: 'not_found', nomination: null });
    expect(await office.paper.check({ campaignId, text: 'hello' })).toMatchObject({ result: 'invalid' });

    // Received as it is: listed among the mismatches; the others still lack paper.
    const received = await office.paper.markReceived({ applicationId: target.id, code: printed });
    expect(received.matchesCurrent).toBe(false);
    const overview = await office.paper.overview({ campaignId });
    expect(overview.mismatched).toEqual([expect.objectContaining({ id: target.id, receivedCode: printed })]);
    expect(overview.missing).toHaveLength(4);
    expect(overview.missing.map((m) => m.id)).not.toContain(target.id);

    // The current version's paper arrives: it matches, and nothing is mismatched any more.
    const current = (await office.intake.detail({ applicationId: target.id })).shortCode;
    expect(current).not.toBe(printed);
    expect((await office.paper.markReceived({ applicationId: target.id, code: current })).matchesCurrent).toBe(true);
    expect(await office.paper.overview({ campaignId })).toMatchObject({ matching: 1, mismatched: [] });
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'paper.received'));
    expect(audited.map((a) => a.data.matchesCurrent)).toEqual([false, true]);
  });

  it('refuses other roles', async () => {
    const recommender = await api.as(await userId(api, 'recommender@demo.ssb.local'));
    await expect(recommender.paper.check({ campaignId, text: '00000-00000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
