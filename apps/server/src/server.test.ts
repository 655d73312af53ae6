import { createDatabase } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;

const cookieValue = (setCookie: string | string[] | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.find((c) => c.startsWith(`${name}=`));
};

describe.each(TEST_ENGINES)('HTTP server on %s', (engine) => {
  let platform: Platform;
  beforeAll(async () => {
    const database = engine === 'pglite' ? createDatabase({}) : await createTestDatabase('postgres');
    platform = await createServer({
      database,
      env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-server-')), LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: true },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await platform?.database.close();
  });

  it('answers health, readiness and metrics', async () => {
    expect((await platform.server.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await platform.server.inject('/readyz')).json()).toEqual({ status: 'ready', database: engine, files: 'local' });
    const metrics = await platform.server.inject('/metrics');
    expect(metrics.body).toContain('ssb_http_request_duration_seconds');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    // Paths that name no procedure share one label instead of adding a series each.
    await platform.server.inject('/trpc/made.up1');
    await platform.server.inject('/trpc/made.up2');
    await platform.server.inject('/trpc/reference.districts');
    const after = (await platform.server.inject('/metrics')).body;
    expect(after).toContain('route="/trpc/(unknown)"');
    expect(after).not.toContain('made.up');
  });

  it('sends security headers', async () => {
    const response = await platform.server.inject('/healthz');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses a mutation without the CSRF token, in Chinese', async () => {
    const response = await platform.server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: { email: 'office@demo.ssb.local', password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('刷新页面');
  });

  it('signs in over HTTP with an HttpOnly SameSite session cookie and the double-submit token', async () => {
    const first = await platform.server.inject('/trpc/auth.me');
    const csrf = cookieValue(first.headers['set-cookie'], 'ssb_csrf')!.split(';')[0]!.split('=')[1]!;
    const login = await platform.server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'x-csrf-token': csrf, cookie: `ssb_csrf=${csrf}` },
      payload: { email: 'office@demo.ssb.local', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const session = cookieValue(login.headers['set-cookie'], 'ssb_session')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const token = session.split(';')[0]!;
    const me = await platform.server.inject({ url: '/trpc/auth.me', headers: { cookie: `${token}; ssb_csrf=${csrf}` } });
    expect(me.json().result.data.email).toBe('office@demo.ssb.local');

    const wrongToken = await platform.server.inject({
      method: 'POST',
      url: '/trpc/auth.logout',
      headers: { 'x-csrf-token': 'forged', cookie: `${token}; ssb_csrf=${csrf}` },
    });
    expect(wrongToken.statusCode).toBe(403);
  });

  it('returns a 404 in Chinese for an unknown API path', async () => {
    const response = await platform.server.inject('/api/nothing');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('请求的地址不存在');
  });
});
