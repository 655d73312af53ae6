import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerMaterial } from '@ssb/api';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { completeApplicationData } from '@ssb/domain/testing';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

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
});
