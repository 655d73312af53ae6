import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { sniffFormat } from '@ssb/media';
import { makeTestImage } from '@ssb/media/testing/fixtures';
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

  it('serves a 480 px JPEG thumbnail with ?size=thumb under the same rule, and the original for an image without one', async () => {
    const bases = await manager.query<Array<{ id: string }>>('bases.mine');
    const other = await manager.mutate<{ id: string; version: number }>('resources.create', {
      baseId: bases[0]!.id, type: 'exhibit', title: '带缩略图的资源', descriptionHtml: '<p>一段足够长的介绍文字，用于发布。</p>', scientists: [], elements: [], audiences: [], lendable: false, lendingTerms: '',
    });
    const photo = readFileSync(await makeTestImage(join(mkdtempSync(join(tmpdir(), 'ssb-photo-')), 'photo.jpg'), { width: 2000, height: 1500 }));
    const accepted = await fetch(`${baseUrl}/files/resources/${other.id}?version=${other.version}&name=photo.jpg`, {
      method: 'POST', headers: { ...manager.headers(), 'content-type': 'image/jpeg' }, body: new Uint8Array(photo),
    });
    expect(accepted.status).toBe(200);
    const key = ((await accepted.json()) as { media: Array<{ key: string }> }).media[0]!.key;
    const thumbUrl = `/files/resources/${other.id}/${key}?size=thumb`;

    const visitor = createHttpClient(baseUrl);
    expect((await visitor.get(thumbUrl)).status).toBe(404);
    const own = await manager.get(thumbUrl);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toContain('private');

    await manager.mutate('resources.transition', { resourceId: other.id, action: 'publish' });
    const thumb = await visitor.get(thumbUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect(thumb.headers.get('cache-control')).toBe('public, max-age=3600');
    const bytes = Buffer.from(await thumb.arrayBuffer());
    expect(sniffFormat(bytes.subarray(0, 16))).toBe('jpeg');
    expect(bytes.length).toBeLessThan(photo.length / 4);
    // The frame header (SOF0) carries height then width.
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    expect({ height: bytes.readUInt16BE(sof + 5), width: bytes.readUInt16BE(sof + 7) }).toEqual({ height: 360, width: 480 });
    const etag = thumb.headers.get('etag')!;
    expect(etag).toBe(`"${key}-thumb"`);
    expect((await fetch(`${baseUrl}${thumbUrl}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Without ?size=thumb the gallery still gets the full photo.
    expect(Buffer.from(await (await visitor.get(`/files/resources/${other.id}/${key}`)).arrayBuffer()).equals(photo)).toBe(true);

    // The first test's image cannot be decoded, so it has no thumbnail: the original comes instead.
    const { media } = await visitor.query<{ media: Array<{ key: string }> }>('resources.get', { resourceId: resource.id });
    const fallback = await visitor.get(`/files/resources/${resource.id}/${media[0]!.key}?size=thumb`);
    expect(fallback.status).toBe(200);
    expect(Buffer.from(await fallback.arrayBuffer()).equals(JPEG)).toBe(true);
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
