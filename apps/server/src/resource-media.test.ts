import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 9), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4 not an image', 'latin1');

describe('resource images over HTTP', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  let manager: ReturnType<typeof createHttpClient>;
  let resource: { id: string; version: number };

  const post = (bytes: Buffer, version: number, contentType = 'application/octet-stream') =>
    fetch(`${baseUrl}/files/resources/${resource.id}?version=${version}&name=photo.jpg`, { method: 'POST', headers: { ...manager.headers(), 'content-type': contentType }, body: new Uint8Array(bytes) });

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-rm-')), LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    manager = createHttpClient(baseUrl);
    await manager.mutate('auth.login', { email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    const bases = await manager.query<Array<{ id: string }>>('bases.mine');
    resource = await manager.mutate('resources.create', {
      baseId: bases[0]!.id, type: 'exhibit', title: '带图片的资源', descriptionHtml: '<p>一段足够长的介绍文字，用于发布。</p>', scientists: [], elements: [], audiences: [], lendable: false, lendingTerms: '',
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('refuses a PDF by its bytes, accepts a JPEG, and serves it publicly only once published', async () => {
    const refused = await post(PDF, resource.version);
    expect(refused.status).toBe(422);
    expect((await refused.json()).message).toContain('只能上传 JPEG 或 PNG');

    const accepted = await post(JPEG, resource.version);
    expect(accepted.status).toBe(200);
    const saved = (await accepted.json()) as { version: number; media: Array<{ key: string }> };
    const url = `/files/resources/${resource.id}/${saved.media[0]!.key}`;

    const visitor = createHttpClient(baseUrl);
    expect((await visitor.get(url)).status).toBe(404);
    const own = await manager.get(url);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toContain('private');

    await manager.mutate('resources.transition', { resourceId: resource.id, action: 'publish' });
    const shown = await visitor.get(url);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.headers.get('cache-control')).toContain('public');
    expect(Buffer.from(await shown.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('refuses a file over 10 MB with a Chinese message', async () => {
    const big = Buffer.concat([JPEG.subarray(0, 4), Buffer.alloc(10 * 1024 * 1024)]);
    const response = await post(big, resource.version + 10);
    expect(response.status).toBe(413);
    expect((await response.json()).message).toContain('不能超过 10 MB');
  });

  it('refuses a visitor who is not signed in', async () => {
    const visitor = createHttpClient(baseUrl);
    await visitor.query('reference.recommendingBodies');
    const response = await fetch(`${baseUrl}/files/resources/${resource.id}?version=1`, { method: 'POST', headers: { ...visitor.headers(), 'content-type': 'image/jpeg' }, body: new Uint8Array(JPEG) });
    expect(response.status).toBe(401);
  });
});
