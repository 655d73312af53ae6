import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { INTERNAL_ERROR_MESSAGE } from '@ssb/api/trpc';
import { createDatabase } from '@ssb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_PREFIX } from './open-data-openapi.ts';
import { createServer } from './server.ts';

/** The log lines the server writes, kept for the test to read. */
function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, text: () => lines.join('\n') };
}

const LEAKS = [/select /i, /insert /i, /\/work\//, /\bat \S+ \(/, /node_modules/, /\.ts:\d/, /"stack"/, /params/i];

/** What a client meets while the database is away: a generic message with an id, never the failed query. */
describe('while the database is down', () => {
  let platform: Awaited<ReturnType<typeof createServer>>;
  const log = logSink();
  beforeAll(async () => {
    const database = createDatabase({});
    platform = await createServer({
      database,
      logStream: log.stream,
      env: { NODE_ENV: 'production', DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-down-')), LOG_LEVEL: 'error', SERVE_APPS: false, SEED_DEMO: false },
    });
    await database.close();
  });
  afterAll(async () => {
    await platform?.server.close();
  });

  it('a tRPC call gets 服务器内部错误 and a request id; the log has the id and the query, never its values', async () => {
    const first = await platform.server.inject('/healthz');
    const csrf = String(first.headers['set-cookie']).match(/ssb_csrf=([^;]+)/)![1]!;
    const response = await platform.server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { cookie: `ssb_csrf=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'mobile13912345678@example.org', password: 'whatever-password-1' }),
    });
    expect(response.statusCode).toBe(500);
    const { error } = response.json();
    expect(error.message).toContain(INTERNAL_ERROR_MESSAGE);
    expect(error.data.stack).toBeUndefined();
    const requestId = error.data.requestId as string;
    expect(requestId).toBeTruthy();
    expect(error.message).toContain(requestId);
    for (const leak of LEAKS) expect(response.body).not.toMatch(leak);
    expect(response.body).not.toContain('13912345678');

    const logged = log.text();
    expect(logged).toContain(`"reqId":"${requestId}"`);
    expect(logged).toContain('procedure failed');
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toMatch(/params:/);
  });

  it('open data answers 503 with Retry-After and a Chinese message', async () => {
    for (const path of ['/bases', '/bases.csv', '/resources', `/bases/${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}`]) {
      const response = await platform.server.inject(`${OPEN_DATA_PREFIX}${path}`);
      expect(response.statusCode).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json().error.message).toBe('开放数据暂时无法访问，请稍后重试');
    }
  });

  it('/readyz says only that it is not ready', async () => {
    const response = await platform.server.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
  });

  it('a plain route that fails says so in Chinese (a 500 with the request id), never with the failed query', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const url of [`/files/materials/${id}`, `/files/applications/${id}/form.pdf`, `/files/summary.xlsx?campaignId=${id}`, '/files/register/national-list.xlsx?batchYear=2022', `/files/resources/${id}/${id}.jpg`]) {
      const response = await platform.server.inject({ url, headers: { cookie: 'ssb_session=some-session-token', 'sec-fetch-site': 'same-origin' } });
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
      const { error } = response.json();
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      if (response.statusCode === 500) expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      for (const leak of LEAKS) expect(response.body).not.toMatch(leak);
    }
  });
});
