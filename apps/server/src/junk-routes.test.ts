import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@ssb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { injectSession } from './testing/inject-session.ts';

/** What no answer may contain: SQL, stack frames, file paths. */
const LEAKS = [/select /i, /insert /i, /\/work\//, /\bat \S+ \(/, /node_modules/, /\.ts:\d/, /"stack"/];

/** Path segments a careless or hostile client might put where an id goes (already percent-encoded). */
const JUNK_IDS = [
  'x',
  '0',
  '-1',
  '9'.repeat(400),
  '%00',
  'a%00b',
  '__proto__',
  'constructor',
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-4000-8000-000000000000',
  '------------------------------------',
  '%ED%A0%80',
  '%E0%A4%A',
  '%F0%9F',
  '1e308',
  '%20',
];

/** Query strings of the same kind. */
const JUNK_QUERIES = [
  '',
  '?campaignId=%00',
  '?campaignId=__proto__',
  '?__proto__[polluted]=1',
  '?constructor[prototype][x]=1',
  '?batchYear=99999999999999999999',
  '?batchYear=%00',
  '?batchYear=-2022',
  '?page=1e308&pageSize=-1',
  '?page=9007199254740993&pageSize=100',
  '?page=0x10&pageSize=NaN',
  '?type=__proto__',
  '?type=%00',
  '?baseId=%ED%A0%80',
  '?size=thumb%00',
  '?version=-1&name=%00',
  '?a[b][c][d][e][f]=1',
  '?csrf=%00',
  '?input=%00',
  `?campaignId=${'a'.repeat(5000)}`,
];

/** Every HTTP route outside tRPC, with `{id}` where an id goes. */
const ROUTES = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/files/materials/{id}',
  '/files/applications/{id}/form.pdf',
  '/files/applications/{id}/materials.zip',
  '/files/summary.xlsx',
  '/files/summary.pdf',
  '/files/summary.{id}',
  '/files/bases/{id}/certificate.pdf',
  '/files/register/certificates.pdf',
  '/files/register/national-list.xlsx',
  '/files/resources/{id}/{id}',
  '/files/resources/{id}/00000000-0000-4000-8000-000000000000.jpg',
  '/uploads',
  '/uploads/{id}',
  '/api/open/v1/openapi.json',
  '/api/open/v1/bases',
  '/api/open/v1/bases.csv',
  '/api/open/v1/bases/{id}',
  '/api/open/v1/resources',
  '/api/open/v1/resources.csv',
  '/api/open/v1/resources/{id}',
];

describe('every HTTP route outside tRPC takes junk without a 500 or a leak', () => {
  let platform: Awaited<ReturnType<typeof createServer>>;
  const callers: Array<{ who: string; headers: Record<string, string> }> = [{ who: 'anonymous', headers: {} }];
  beforeAll(async () => {
    platform = await createServer({
      database: createDatabase({}),
      env: { NODE_ENV: 'production', DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-junk-')), LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: true },
    });
    for (const email of ['office@demo.ssb.local', 'recommender@demo.ssb.local']) {
      const session = await injectSession(platform.server, email);
      callers.push({ who: email, headers: { ...session.headers, 'sec-fetch-site': 'same-origin' } });
    }
  });
  afterAll(async () => {
    await platform?.stop();
    await platform?.database.close();
  });

  const failures: string[] = [];
  const check = async (method: string, url: string, headers: Record<string, string>, payload?: string | Buffer) => {
    const response = await platform.server.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
    const problems = [response.statusCode >= 500 && response.statusCode !== 503 ? `status ${response.statusCode}` : '', ...LEAKS.filter((leak) => leak.test(response.body)).map(String)].filter(Boolean);
    if (problems.length) failures.push(`${method} ${url} → ${problems.join(', ')}: ${response.body.slice(0, 200)}`);
  };

  it.each(ROUTES)('GET %s', async (route) => {
    failures.length = 0;
    for (const { headers } of callers) {
      for (const id of JUNK_IDS) await check('GET', route.replaceAll('{id}', id), headers);
      for (const query of JUNK_QUERIES) await check('GET', route.replaceAll('{id}', JUNK_IDS[10]!) + query, headers);
    }
    expect(failures).toEqual([]);
  });

  it('POST /files/resources/:id with junk bodies and queries', async () => {
    failures.length = 0;
    for (const { headers } of callers) {
      for (const id of JUNK_IDS) await check('POST', `/files/resources/${id}?version=1&name=a.jpg`, { ...headers, 'content-type': 'image/jpeg' }, Buffer.from([0xff, 0xd8, 0, 0]));
      for (const query of JUNK_QUERIES) await check('POST', `/files/resources/${JUNK_IDS[10]}${query}`, { ...headers, 'content-type': 'image/png' }, Buffer.from('\u0000\u0000'));
      await check('POST', `/files/resources/${JUNK_IDS[10]}`, { ...headers, 'content-type': 'application/json' }, '{"__proto__":{"x":1}}');
      await check('POST', `/files/resources/${JUNK_IDS[10]}`, { ...headers, 'content-type': 'application/json' }, '['.repeat(7000));
    }
    expect(failures).toEqual([]);
  });

  it('tus requests at /uploads with junk headers and ids', async () => {
    failures.length = 0;
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const junkHeaders: Array<Record<string, string>> = [
      { 'upload-length': '99999999999999999999' },
      { 'upload-length': '-1' },
      { 'upload-length': '10', 'upload-metadata': `filename ${b64('a\u0000.jpg')},target ${b64('material')}` },
      { 'upload-length': '10', 'upload-metadata': `filename ${b64('a.jpg')},target ${b64('__proto__')}` },
      { 'upload-length': '10', 'upload-metadata': `applicationId ${b64('\u0000')},kind ${b64('photo')}` },
      { 'upload-length': '10', 'upload-metadata': 'filename !!!notbase64,,,' },
      { 'upload-length': '10', 'upload-metadata': `target ${b64('resource-video')},resourceId ${b64('x'.repeat(300))}` },
    ];
    for (const { headers } of callers) {
      for (const extra of junkHeaders) await check('POST', '/uploads', { ...headers, 'tus-resumable': '1.0.0', ...extra });
      for (const id of JUNK_IDS) {
        for (const method of ['HEAD', 'PATCH', 'DELETE', 'OPTIONS']) {
          await check(method, `/uploads/${id}`, { ...headers, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, method === 'PATCH' ? Buffer.from('abc') : undefined);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
