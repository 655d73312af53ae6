import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { sniffFormat, stripMetadata } from '@ssb/media';
import { IDENTIFYING_TEXT, makeTaggedJpeg, makeTaggedPng } from '@ssb/media/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

// A JPEG whose headers can be walked (JFIF, then a scan) but whose picture cannot be decoded.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(9, 1), Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(300, 9), Buffer.from([0xff, 0xd9])]);
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
    const scratch = mkdtempSync(join(tmpdir(), 'ssb-photo-'));
    const photo = readFileSync(await makeTaggedJpeg(join(scratch, 'photo.jpg'), { width: 2000, height: 1500 }));
    await stripMetadata(join(scratch, 'photo.jpg'), join(scratch, 'clean.jpg'), 'jpeg');
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
    // Without ?size=thumb the gallery still gets the full photo, without the EXIF, XMP or IPTC naming its maker.
    const full = Buffer.from(await (await visitor.get(`/files/resources/${other.id}/${key}`)).arrayBuffer());
    expect(full.equals(readFileSync(join(scratch, 'clean.jpg')))).toBe(true);
    expect(photo.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(true);
    expect(full.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);
    expect(bytes.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);

    // The first test's image cannot be decoded, so it has no thumbnail: the original comes instead.
    const { media } = await visitor.query<{ media: Array<{ key: string }> }>('resources.get', { resourceId: resource.id });
    const fallback = await visitor.get(`/files/resources/${resource.id}/${media[0]!.key}?size=thumb`);
    expect(fallback.status).toBe(200);
    expect(Buffer.from(await fallback.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('keeps a PNG without its text and EXIF chunks, and refuses a JPEG whose headers are broken, in Chinese', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ssb-png-'));
    const png = readFileSync(await makeTaggedPng(join(scratch, 'tagged.png'), { width: 300, height: 200 }));
    const bases = await manager.query<Array<{ id: string }>>('bases.mine');
    const third = await manager.mutate<{ id: string; version: number }>('resources.create', {
      baseId: bases[0]!.id, type: 'exhibit', title: '带 PNG 的资源', descriptionHtml: '<p>一段足够长的介绍文字，用于发布。</p>', scientists: [], elements: [], audiences: [], lendable: false, lendingTerms: '',
    });
    const send = (bytes: Buffer, version: number, type: string) =>
      fetch(`${baseUrl}/files/resources/${third.id}?version=${version}&name=photo`, { method: 'POST', headers: { ...manager.headers(), 'content-type': type }, body: new Uint8Array(bytes) });
    const saved = await send(png, third.version, 'image/png');
    expect(saved.status).toBe(200);
    const { media, version } = (await saved.json()) as { version: number; media: Array<{ key: string }> };
    const shown = Buffer.from(await (await manager.get(`/files/resources/${third.id}/${media[0]!.key}`)).arrayBuffer());
    expect(sniffFormat(shown.subarray(0, 16))).toBe('png');
    expect(shown.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);
    expect(shown.includes(Buffer.from('Zhang San'))).toBe(false);

    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(50, 1)]);
    const refused = await send(broken, version, 'image/jpeg');
    expect(refused.status).toBe(422);
    expect((await refused.json()).message).toBe('图片文件已损坏或无法读取，请重新导出后上传');
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

  it('base photos: a manager adds one through the same image path (sniffed, stripped, with a thumbnail), the public page shows it, removing deletes it', async () => {
    const [base] = await manager.query<Array<{ id: string }>>('bases.mine');
    const profile = await manager.query<{ version: number; photos: Array<{ key: string }> }>('bases.profile', { baseId: base!.id });
    const scratch = mkdtempSync(join(tmpdir(), 'ssb-base-photo-'));
    const photo = readFileSync(await makeTaggedJpeg(join(scratch, 'photo.jpg'), { width: 2000, height: 1500 }));
    const send = (bytes: Buffer, version: number) =>
      fetch(`${baseUrl}/files/bases/${base!.id}/photos?version=${version}&name=${encodeURIComponent('展厅.jpg')}`, { method: 'POST', headers: { ...manager.headers(), 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) });
    expect((await send(PDF, profile.version)).status).toBe(422);
    expect((await send(photo, profile.version - 1)).status).toBe(409);
    const accepted = await send(photo, profile.version);
    expect(accepted.status).toBe(200);
    const saved = (await accepted.json()) as { version: number; photos: Array<{ key: string; name: string }> };
    const added = saved.photos.at(-1)!;
    expect(added.name).toBe('展厅.jpg');

    const visitor = createHttpClient(baseUrl);
    const page = await visitor.query<{ photos: Array<{ key: string }> }>('bases.page', { baseId: base!.id });
    expect(page.photos.map((p) => p.key)).toContain(added.key);
    const full = await visitor.get(`/files/bases/${base!.id}/photos/${added.key}`);
    expect(full.status).toBe(200);
    const original = Buffer.from(await full.arrayBuffer());
    expect(original.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);
    const thumb = await visitor.get(`/files/bases/${base!.id}/photos/${added.key}?size=thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('cache-control')).toBe('public, max-age=3600');
    expect((await thumb.arrayBuffer()).byteLength).toBeLessThan(original.length);

    const arranged = await manager.mutate<{ version: number; photos: Array<{ key: string }> }>('bases.arrangePhotos', { baseId: base!.id, version: saved.version, keys: saved.photos.filter((p) => p.key !== added.key).map((p) => p.key) });
    expect(arranged.photos.map((p) => p.key)).not.toContain(added.key);
    expect((await visitor.get(`/files/bases/${base!.id}/photos/${added.key}`)).status).toBe(404);
    expect((await visitor.get(`/files/bases/${base!.id}/photos/not-a-key.jpg`)).status).toBe(404);
    const stranger = createHttpClient(baseUrl);
    await stranger.query('reference.recommendingBodies');
    expect((await fetch(`${baseUrl}/files/bases/${base!.id}/photos?version=1`, { method: 'POST', headers: { ...stranger.headers(), 'content-type': 'image/jpeg' }, body: new Uint8Array(photo) })).status).toBe(401);
  });
});
