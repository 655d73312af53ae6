import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
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

describe('register downloads: certificates and the national list', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  let office: ReturnType<typeof createHttpClient>;
  let bases: Array<{ id: string; number: string; name: string }>;
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-register-'));

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: scratch, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    office = createHttpClient(baseUrl);
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    bases = (await office.query<{ items: typeof bases }>('register.list', { batchYear: 2022, page: 1, pageSize: 20 })).items;
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('gives the office a certificate PDF whose text has the base name and number', async () => {
    const response = await office.get(`/files/bases/${bases[0]!.id}/certificate.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`证书-${bases[0]!.number}`);
    const path = join(scratch, 'certificate.pdf');
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(bases[0]!.name);
    expect(text).toContain(bases[0]!.number);
    const audit = await database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'export.certificate'));
    expect(audit.map((a) => a.entityId)).toContain(bases[0]!.id);
  });

  it('prints a whole batch as one PDF, a page per base', async () => {
    const response = await office.get('/files/register/certificates.pdf?batchYear=2022');
    expect(response.status).toBe(200);
    const path = join(scratch, 'batch.pdf');
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+6/);
    expect((await office.get('/files/register/certificates.pdf?batchYear=abc')).status).toBe(400);
  });

  it('exports the national list as xlsx with its columns', async () => {
    const response = await office.get('/files/register/national-list.xlsx?batchYear=2022');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(3).values as unknown[]).slice(1, 8)).toEqual(['序号', '基地名称', '依托单位', '统一社会信用代码', '基地类别', '所在区', '命名编号']);
    expect(sheet.getRow(4).getCell(7).value).toBe('京科精基地-2022-001');
    expect(sheet.rowCount).toBe(3 + 5); // the base under rectification is not recommended upward
  });

  it('refuses visitors and other roles', async () => {
    expect((await fetch(`${baseUrl}/files/bases/${bases[0]!.id}/certificate.pdf`)).status).toBe(401);
    const applicant = createHttpClient(baseUrl);
    await applicant.mutate('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    expect((await applicant.get(`/files/bases/${bases[0]!.id}/certificate.pdf`)).status).toBe(403);
    expect((await applicant.get('/files/register/national-list.xlsx?batchYear=2022')).status).toBe(403);
  });
});
