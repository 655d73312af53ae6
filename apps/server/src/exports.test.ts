import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { registerMaterial } from '@ssb/api';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { documentPool } from '@ssb/documents';
import { FORM_LIMITS } from '@ssb/domain/form-limits';
import { completeApplicationData } from '@ssb/domain/testing';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient as createFetchClient } from './testing/http-client.ts';

/** A client whose downloads come from the platform's own pages, as a browser says with Sec-Fetch-Site. */
const createHttpClient = (baseUrl: string) => {
  const client = createFetchClient(baseUrl);
  return { ...client, get: (path: string, extra: Record<string, string> = {}) => client.get(path, { 'sec-fetch-site': 'same-origin', ...extra }) };
};

type Platform = Awaited<ReturnType<typeof createServer>>;

describe('exports: 申报表 PDF, materials zip, 汇总表', () => {
  let database: DatabaseHandle;
  let platform: Platform;
  let baseUrl: string;
  let applicationId: string;
  let campaignId: string;
  let applicant: ReturnType<typeof createHttpClient>;
  let recommender: ReturnType<typeof createHttpClient>;
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-exports-'));

  beforeAll(async () => {
    const fixtures = await makeMediaFixtures();
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: scratch, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;

    applicant = createHttpClient(baseUrl);
    const me = await applicant.mutate<{ id: string; memberships: Array<{ organizationId: string; role: string }> }>('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    campaignId = (await applicant.query<{ id: string }>('campaigns.current')).id;
    const bodies = await applicant.query<Array<{ id: string; code: string }>>('reference.recommendingBodies');
    applicationId = (await applicant.mutate<{ id: string }>('applications.create', { campaignId, recommendingBodyId: bodies.find((b) => b.code === 'bast')!.id })).id;
    const draft = await applicant.query<{ version: number; data: Record<string, unknown> }>('applications.get', { applicationId });
    await applicant.mutate('applications.saveDraft', { applicationId, version: draft.version, data: completeApplicationData({ uscc: draft.data.uscc }) });
    const viewer = { userId: me.id, grants: me.memberships };
    for (const [name, kind] of [['photo-large.jpg', 'photo'], ['photo-large.jpg', 'photo'], ['photo-large.jpg', 'photo'], ['portrait.mov', 'video']] as const) {
      const temp = join(mkdtempSync(join(tmpdir(), 'ssb-up-')), name);
      copyFileSync(fixtures.path(name), temp);
      await registerMaterial(platform.deps, viewer, { applicationId, kind, originalName: name, tempPath: temp });
    }
    await applicant.mutate('applications.submit', { applicationId });
    recommender = createHttpClient(baseUrl);
    await recommender.mutate('auth.login', { email: 'recommender@demo.ssb.local', password: DEMO_PASSWORD });
    await recommender.mutate('applications.recommend', { applicationId });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('gives the applicant and the recommender the 申报表 as a Chinese PDF, and nobody else', async () => {
    for (const client of [applicant, recommender]) {
      const response = await client.get(`/files/applications/${applicationId}/form.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('京华航天科学家纪念馆（演示）-申报表.pdf'));
      const file = join(scratch, 'form.pdf');
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain('申报表');
      expect(text).toContain('航天科学家精神展馆（演示）');
    }
    const stranger = createHttpClient(baseUrl);
    await stranger.mutate('auth.login', { email: 'applicant2@demo.ssb.local', password: DEMO_PASSWORD });
    expect((await stranger.get(`/files/applications/${applicationId}/form.pdf`)).status).toBe(404);
  });

  it('zips the materials under the notice’s standard names', async () => {
    const response = await recommender.get(`/files/applications/${applicationId}/materials.zip`);
    expect(response.status).toBe(200);
    const file = join(scratch, 'materials.zip');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n').sort();
    expect(names).toEqual(
      ['京华航天科学家纪念馆（演示）-申报表.pdf', '京华航天科学家纪念馆（演示）1.jpg', '京华航天科学家纪念馆（演示）1.mov', '京华航天科学家纪念馆（演示）2.jpg', '京华航天科学家纪念馆（演示）3.jpg'].sort(),
    );
  });

  it('gives the recommender its 汇总表 as xlsx with the notice’s columns and the recommended unit', async () => {
    const response = await recommender.get(`/files/summary.xlsx?campaignId=${campaignId}`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r.includes('序号'))!;
    expect(header.filter(Boolean)).toEqual(['序号', '基地名称', '依托单位', '统一社会信用代码', '类别', '所在区', '展陈面积', '年开放天数', '年接待人次', '联系人', '联系电话', '备注']);
    const data = rows.find((r) => r.includes('航天科学家精神展馆（演示）'));
    expect(data).toBeTruthy();
    expect(data).toContain('海淀区');
    const pdf = await recommender.get(`/files/summary.pdf?campaignId=${campaignId}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await applicant.get(`/files/summary.xlsx?campaignId=${campaignId}`)).status).toBe(403);
  });

  it('zips a nomination one of whose files is no longer on disk: the form, and a note naming what is missing', async () => {
    const office = createHttpClient(baseUrl);
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    const withRows = await database.db.query.materials.findFirst({ where: (m, { like }) => like(m.storageKey, 'seed/%') });
    expect(withRows).toBeTruthy();
    // The demo's files are made on the first start; one lost since (a disk restored from an old backup).
    await platform.deps.files.delete(withRows!.storageKey);
    const response = await office.get(`/files/applications/${withRows!.applicationId}/materials.zip`);
    expect(response.status).toBe(200);
    const file = join(scratch, 'demo-materials.zip');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    expect(names.some((n) => n.endsWith('-申报表.pdf'))).toBe(true);
    expect(names).toContain('缺失材料说明.txt');
    const note = execFileSync('unzip', ['-p', file, '缺失材料说明.txt']).toString();
    expect(note).toContain(withRows!.originalName);
  });

  it('answers junk ids and parameters with a 4xx and a Chinese message, never a 500', async () => {
    const junk = [
      '/files/applications/not-a-uuid/form.pdf',
      `/files/applications/${'-'.repeat(36)}/form.pdf`,
      `/files/applications/${'z'.repeat(8)}-0000-0000-0000-000000000000/materials.zip`,
      '/files/applications/%20/materials.zip',
      '/files/applications//form.pdf',
      '/files/bases//certificate.pdf',
      '/files/applications/00000000-0000-4000-8000-000000000000/form.pdf',
      '/files/summary.pdf',
      '/files/summary.xlsx?campaignId=abc',
      `/files/summary.xlsx?campaignId=${'-'.repeat(36)}`,
      '/files/summary.xlsx?campaignId=a&campaignId=b',
      `/files/summary.doc?campaignId=${campaignId}`,
      '/files/summary.pdf?campaignId=00000000-0000-4000-8000-000000000000',
      '/files/bases/abc/certificate.pdf',
      `/files/bases/${'-'.repeat(36)}/certificate.pdf`,
      '/files/register/certificates.pdf?batchYear=abc',
      '/files/register/certificates.pdf',
      '/files/register/national-list.xlsx?batchYear=0000',
      '/files/register/national-list.xlsx?batchYear=2022&batchYear=2023',
    ];
    for (const path of junk) {
      const response = await recommender.get(path);
      const body = (await response.json()) as { error?: { message?: string } };
      expect({ path, status: response.status < 500 && response.status >= 400 }).toEqual({ path, status: true });
      expect(body.error?.message, path).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('renders the largest form a draft may hold in a worker thread, while /healthz keeps answering', async () => {
    const row = { title: '活'.repeat(FORM_LIMITS.cell), date: '2021-09-10', audience: '中学生', attendance: 500 };
    const data = completeApplicationData({
      activities: Array.from({ length: FORM_LIMITS.tableRows }, () => row),
      exhibitionOutline: '展'.repeat(5000),
      threeYearPlan: '计'.repeat(5000),
    });
    await database.db.update(schema.applications).set({ data }).where(eq(schema.applications.id, applicationId));
    await documentPool().ready;
    const pool = documentPool();
    const before = pool.stats();
    const rendering = recommender.get(`/files/applications/${applicationId}/form.pdf`).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }));
    let done = false;
    void rendering.finally(() => (done = true));
    const pings: number[] = [];
    while (!done) {
      const started = performance.now();
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      pings.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await rendering;
    expect(result.status).toBe(200);
    expect(result.bytes).toBeGreaterThan(100_000);
    const after = pool.stats();
    expect(after.completed).toBe(before.completed + 1);
    expect(after.lastThreadId).not.toBe(threadId);
    // A generous bound: the loop answered throughout instead of waiting for the render.
    expect(Math.max(...pings)).toBeLessThan(200);
  }, 60_000);
});
