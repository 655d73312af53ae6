import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNREADABLE_TEXT_MESSAGE } from '@ssb/api/unreadable-text';
import { createDatabase, schema } from '@ssb/db';
import { makeUscc } from '@ssb/domain/uscc';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_CALLS, TOO_DEEP_MESSAGE, TOO_MANY_CALLS_MESSAGE } from './json-limits.ts';
import { createServer } from './server.ts';
import { injectSession } from './testing/inject-session.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;
type Session = Awaited<ReturnType<typeof injectSession>>;

/** What no answer may contain: SQL, stack frames, file paths. */
const LEAKS = [/select /i, /insert /i, /\/work\//, /\bat \S+ \(/, /node_modules/, /\.ts:\d/, /"stack"/];
const expectNoLeak = (body: string) => {
  for (const leak of LEAKS) expect(body).not.toMatch(leak);
};

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const registration = (address: string) => ({
  organization: {
    name: '加固测试科技馆',
    uscc: makeUscc(7001),
    type: 'museum',
    districtCode: '110108',
    address,
    contactName: '王老师',
    contactPhone: '010-84650077',
    contactEmail: 'hardening@example.org',
  },
  user: { name: '王老师', email: 'hardening-user@example.org', mobile: '13800138000', password: 'Secret-pass-2022' },
});

describe('server hardening (NODE_ENV=production)', () => {
  let platform: Platform;
  let anonymous: Session['headers'];
  let office: Session;
  beforeAll(async () => {
    platform = await createServer({
      database: createDatabase({}),
      env: { NODE_ENV: 'production', DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-hardening-')), LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: true, METRICS_TOKEN: 'a-long-metrics-token-0123456789' },
    });
    const first = await platform.server.inject('/healthz');
    const csrf = String(first.headers['set-cookie']).match(/ssb_csrf=([^;]+)/)![1]!;
    anonymous = { cookie: `ssb_csrf=${csrf}`, 'x-csrf-token': csrf };
    office = await injectSession(platform.server, 'office@demo.ssb.local');
  });
  afterAll(async () => {
    await platform?.stop();
    await platform?.database.close();
  });

  describe('batches and bodies', () => {
    it(`runs a batch of ${MAX_BATCH_CALLS} calls and refuses a larger one, in Chinese, before running any`, async () => {
      const paths = (n: number) => Array.from({ length: n }, () => 'reference.districts').join(',');
      const ok = await platform.server.inject(`/trpc/${paths(MAX_BATCH_CALLS)}?batch=1&input={}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toHaveLength(MAX_BATCH_CALLS);

      // Eleven registrations in one request: refused whole, so no account is created.
      const inputs = Object.fromEntries(Array.from({ length: MAX_BATCH_CALLS + 1 }, (_, i) => [i, registration(`北京市海淀区批量路${i}号`)]));
      const tooMany = await platform.server.inject({
        method: 'POST',
        url: `/trpc/${Array.from({ length: MAX_BATCH_CALLS + 1 }, () => 'auth.register').join(',')}?batch=1`,
        headers: anonymous,
        payload: inputs,
      });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.message).toBe(TOO_MANY_CALLS_MESSAGE);
      expect(await platform.database.db.query.users.findFirst({ where: eq(schema.users.email, 'hardening-user@example.org') })).toBeUndefined();
      const encoded = await platform.server.inject(`/trpc/${Array.from({ length: MAX_BATCH_CALLS + 1 }, () => 'reference.districts').join('%2C')}?batch=1&input={}`);
      expect(encoded.statusCode).toBe(400);
    });

    it('refuses a tRPC body over 1 MB with 413 in Chinese', async () => {
      const response = await platform.server.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { ...anonymous, 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'x@example.org', password: 'p'.repeat(1024 * 1024 + 10) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.message).toBe('提交的内容过大');
    });

    it('lets the resource image POST take more than 1 MB (its own 10 MB limit)', async () => {
      // Only base managers may post resource images: anyone else is refused before the body is read.
      const manager = await injectSession(platform.server, 'base@demo.ssb.local');
      const url = `/files/resources/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?version=1&name=a.jpg`;
      const twoMb = await platform.server.inject({ method: 'POST', url, headers: { ...manager.headers, 'content-type': 'image/jpeg' }, payload: Buffer.alloc(2 * 1024 * 1024, 1) });
      expect(twoMb.statusCode).not.toBe(413);
      const elevenMb = await platform.server.inject({ method: 'POST', url, headers: { ...manager.headers, 'content-type': 'image/jpeg' }, payload: Buffer.alloc(11 * 1024 * 1024, 1) });
      expect(elevenMb.statusCode).toBe(413);
      expect((await platform.server.inject({ method: 'POST', url, headers: { ...office.headers, 'content-type': 'image/jpeg' }, payload: Buffer.alloc(11 * 1024 * 1024, 1) })).statusCode).toBe(403);
    });

    it('refuses JSON nested 6 000 deep with a 400, in a body or a query, instead of overflowing the stack', async () => {
      const body = await platform.server.inject({ method: 'POST', url: '/trpc/auth.login', headers: { ...anonymous, 'content-type': 'application/json' }, payload: deepJson(6000) });
      expect(body.statusCode).toBe(400);
      expect(body.body).toContain(TOO_DEEP_MESSAGE);
      expect(body.body).not.toContain('call stack');
      const query = await platform.server.inject(`/trpc/reference.districts?input=${encodeURIComponent(deepJson(6000))}`);
      expect(query.statusCode).toBe(400);
      expect(query.body).toContain(TOO_DEEP_MESSAGE);
      // Ordinary nesting still passes.
      expect((await platform.server.inject(`/trpc/reference.districts?input=${encodeURIComponent(deepJson(10))}`)).statusCode).not.toBe(500);
    });
  });

  describe('errors never carry internals', () => {
    it('refuses a NUL byte or a lone surrogate in anonymous auth.register with the field, not the SQL and the values', async () => {
      for (const address of ['北京市海淀区\u0000测试路1号', '北京市海淀区\uD800测试路1号']) {
        const response = await platform.server.inject({ method: 'POST', url: '/trpc/auth.register', headers: { ...anonymous, 'content-type': 'application/json' }, payload: JSON.stringify(registration(address)) });
        expect(response.statusCode).toBe(400);
        const { error } = response.json();
        expect(error.message).toBe(UNREADABLE_TEXT_MESSAGE);
        expect(error.data.issues).toEqual([{ path: 'organization.address', message: UNREADABLE_TEXT_MESSAGE }]);
        expect(response.body).not.toContain('13800138000');
        expectNoLeak(response.body);
      }
    });

    it('sends no stack trace with any tRPC error', async () => {
      for (const url of ['/trpc/no.such.procedure', '/trpc/audit.list?input={"page":"x"}', '/trpc/reference.districts?input={bad', '/trpc/admin.users']) {
        const response = await platform.server.inject(url);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        const { error } = response.json();
        expect(error.data.stack).toBeUndefined();
        expect(error.message).toMatch(/[\u4e00-\u9fff]/);
        expectNoLeak(response.body);
      }
    });

    it('refuses NUL bytes in the query of a plain HTTP route', async () => {
      const response = await platform.server.inject('/api/open/v1/resources?type=%00');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(UNREADABLE_TEXT_MESSAGE);
    });
  });

  describe('metrics', () => {
    it('labels a batch by its procedures, so distinct batches add no series', async () => {
      const names = ['reference.districts', 'reference.campaigns', 'reference.recommendingBodies', 'auth.me'];
      for (let i = 0; i < 40; i++) {
        const batch = [names[i % 4], names[(i + 1) % 4], `made.up${i}`].join(',');
        await platform.server.inject(`/trpc/${batch}?batch=1&input={}`);
      }
      const body = (await platform.server.inject('/metrics')).body;
      const routes = new Set([...body.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
      expect([...routes].filter((r) => r!.includes(','))).toEqual([]);
      for (const name of names) expect(routes).toContain(`/trpc/${name}`);
      expect(routes).toContain('/trpc/(unknown)');
    });

    it('serves /metrics to loopback or the bearer token only, and /readyz says only ready to anyone else', async () => {
      const away = { remoteAddress: '203.0.113.9' };
      expect((await platform.server.inject({ url: '/metrics', ...away })).statusCode).toBe(403);
      expect((await platform.server.inject({ url: '/metrics', ...away, headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(403);
      const withToken = await platform.server.inject({ url: '/metrics', ...away, headers: { authorization: 'Bearer a-long-metrics-token-0123456789' } });
      expect(withToken.statusCode).toBe(200);
      expect(withToken.body).toContain('ssb_http_request_duration_seconds');
      expect((await platform.server.inject({ url: '/metrics', remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
      expect((await platform.server.inject({ url: '/readyz', ...away })).json()).toEqual({ status: 'ready' });
      // The CLI, on the same machine, learns the database kind before it opens a PGlite directory.
      expect((await platform.server.inject('/readyz')).json()).toEqual({ status: 'ready', database: 'pglite', files: 'local' });
    });
  });

  describe('audited downloads', () => {
    const url = '/files/register/national-list.xlsx?batchYear=2022';
    const exports = async () => (await platform.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'export.national_list'))).length;

    it('refuses a cross-site link, records nothing, and serves the same-origin click, the typed address and the token', async () => {
      const before = await exports();
      for (const site of ['cross-site', 'same-site', undefined]) {
        const response = await platform.server.inject({ url, headers: { cookie: office.cookie, ...(site ? { 'sec-fetch-site': site } : {}) } });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.message).toContain('其他网站');
      }
      expect((await platform.server.inject({ url: `${url}&csrf=forged`, headers: { cookie: office.cookie } })).statusCode).toBe(403);
      expect(await exports()).toBe(before);

      for (const site of ['same-origin', 'none']) {
        expect((await platform.server.inject({ url, headers: { cookie: office.cookie, 'sec-fetch-site': site } })).statusCode).toBe(200);
      }
      expect((await platform.server.inject({ url: `${url}&csrf=${office.csrf}`, headers: { cookie: office.cookie } })).statusCode).toBe(200);
      expect(await exports()).toBe(before + 3);
    });
  });

  describe('uploads', () => {
    it('refuses a NUL byte in a tus upload’s metadata (the file name goes into the database)', async () => {
      const b64 = (text: string) => Buffer.from(text).toString('base64');
      const response = await platform.server.inject({
        method: 'POST',
        url: '/uploads',
        headers: { ...office.headers, 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `filename ${b64('照片\u0000.jpg')},target ${b64('material')}` },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toBe(UNREADABLE_TEXT_MESSAGE);
    });

    it('answers /uploads without CORS headers, so other sites cannot read it', async () => {
      const origin = { origin: 'https://evil.example' };
      const preflight = await platform.server.inject({ method: 'OPTIONS', url: '/uploads', headers: { ...office.headers, ...origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const head = await platform.server.inject({ method: 'HEAD', url: '/uploads/0123456789abcdef', headers: { ...office.headers, ...origin, 'tus-resumable': '1.0.0' } });
      expect(head.statusCode).toBeLessThan(500);
      expect(head.headers['access-control-allow-origin']).toBeUndefined();
      expect(Object.keys(head.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });
  });
});
