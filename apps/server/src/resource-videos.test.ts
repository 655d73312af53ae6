import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { stripMetadata } from '@ssb/media';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

type Client = ReturnType<typeof createHttpClient>;
type Media = Array<{ key: string; kind: string; name: string; sha256?: string; durationSeconds?: number; width?: number; height?: number }>;
type Outcome = { ok: true; body: { version: number; media: Media } } | { ok: false; status: number; body: { message: string; errors: string[] } };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const scratch = mkdtempSync(join(tmpdir(), 'ssb-rv-expected-'));

describe('resource videos, uploaded resumably through /uploads', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  let file: (name: string) => string;
  let manager: Client;
  let otherManager: Client;
  let resource: { id: string; version: number };

  /** What the server keeps of a fixture: the same video without its container tags. */
  async function strippedCopyOf(name: string) {
    await stripMetadata(file(name), join(scratch, name), 'mp4');
    return readFileSync(join(scratch, name));
  }

  function upload(as: Client, name: string, options: Partial<tus.UploadOptions> = {}) {
    const bytes = readFileSync(file(name));
    const instance = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/uploads`,
      metadata: { target: 'resource-video', resourceId: resource.id, filename: name },
      headers: as.headers(),
      chunkSize: 64 * 1024,
      retryDelays: [],
      removeFingerprintOnSuccess: true,
      ...options,
    });
    const done = new Promise<Outcome>((resolve) => {
      instance.options.onSuccess = (payload) => resolve({ ok: true, body: JSON.parse(payload.lastResponse.getBody()) });
      instance.options.onError = (error) => {
        const response = (error as tus.DetailedError).originalResponse;
        resolve({ ok: false, status: response?.getStatus() ?? 0, body: response ? JSON.parse(response.getBody() || '{}') : { message: error.message, errors: [] } });
      };
    });
    return { instance, done, bytes };
  }

  beforeAll(async () => {
    file = (await makeMediaFixtures()).path;
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-rv-')), LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    manager = createHttpClient(baseUrl);
    await manager.mutate('auth.login', { email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    otherManager = createHttpClient(baseUrl);
    await otherManager.mutate('auth.login', { email: 'base2@demo.ssb.local', password: DEMO_PASSWORD });
    const bases = await manager.query<Array<{ id: string }>>('bases.mine');
    resource = await manager.mutate('resources.create', {
      baseId: bases[0]!.id, type: 'exhibit', title: '带视频的资源', descriptionHtml: '<p>一段足够长的介绍文字，用于发布。</p>', scientists: [], elements: [], audiences: [], lendable: false, lendingTerms: '',
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('takes a video in two chunks across an interruption, resumes from the stored offset, and lists it with the sha256 of its stripped copy', async () => {
    const size = readFileSync(file('landscape.mp4')).length;
    const { instance, done, bytes } = upload(manager, 'landscape.mp4', { chunkSize: Math.ceil(size / 2) });
    let sent = 0;
    const firstChunk = new Promise<void>((resolve) => {
      instance.options.onChunkComplete = (_chunk, accepted) => {
        sent = accepted;
        // The connection drops here: aborted within the callback, the second chunk is never sent.
        void instance.abort().then(resolve);
      };
    });
    instance.start();
    await firstChunk;
    expect(sent).toBe(Math.ceil(size / 2));

    const head = await fetch(instance.url!, { method: 'HEAD', headers: { ...manager.headers(), 'tus-resumable': '1.0.0' } });
    expect(Number(head.headers.get('upload-offset'))).toBe(sent);

    instance.options.onChunkComplete = undefined;
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: true, body: { version: resource.version + 1 } });
    expect(bytes.equals(readFileSync(file('landscape.mp4')))).toBe(true);
    const kept = await strippedCopyOf('landscape.mp4');
    const video = { key: expect.stringMatching(/\.mp4$/), kind: 'video', name: 'landscape.mp4', sha256: sha256(kept), durationSeconds: 3, width: 1920, height: 1080 };
    expect((result as { body: { media: Media } }).body.media).toEqual([expect.objectContaining(video)]);

    const edited = await manager.query<{ version: number; media: Media }>('resources.edit', { resourceId: resource.id });
    expect(edited.media).toEqual([expect.objectContaining(video)]);
    resource.version = edited.version;
    const stored = await manager.get(`/files/resources/${resource.id}/${edited.media[0]!.key}`);
    expect(stored.status).toBe(200);
    expect(sha256(Buffer.from(await stored.arrayBuffer()))).toBe(sha256(kept));
  });

  it('refuses a truncated MP4 with the reason in Chinese, and keeps nothing', async () => {
    const { instance, done } = upload(manager, 'video-truncated.mp4');
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: false, status: 422, body: { errors: ['视频文件不完整或已损坏（可能上传中断或导出未完成），请重新导出后上传'] } });
    const edited = await manager.query<{ version: number; media: Media }>('resources.edit', { resourceId: resource.id });
    expect(edited.media).toHaveLength(1);
    expect(edited.version).toBe(resource.version);
  });

  it("refuses another base's manager before any byte is sent", async () => {
    const { instance, done } = upload(otherManager, 'hd720.mp4');
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect((result as { body: { message: string } }).body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("keeps a draft's video from the public, then serves it by byte range once published", async () => {
    const { media } = await manager.query<{ media: Media }>('resources.edit', { resourceId: resource.id });
    const url = `/files/resources/${resource.id}/${media[0]!.key}`;
    const bytes = await strippedCopyOf('landscape.mp4');
    const visitor = createHttpClient(baseUrl);

    expect((await visitor.get(url)).status).toBe(404);
    expect((await otherManager.get(url)).status).toBe(404);
    const own = await manager.get(url, { range: 'bytes=0-99' });
    expect(own.status).toBe(206);
    expect(own.headers.get('cache-control')).toContain('private');

    await manager.mutate('resources.transition', { resourceId: resource.id, action: 'publish' });
    const published = await visitor.query<{ media: Media }>('resources.get', { resourceId: resource.id });
    expect(published.media).toEqual([{ key: media[0]!.key, kind: 'video', name: 'landscape.mp4', durationSeconds: 3, width: 1920, height: 1080 }]);

    const ranged = await visitor.get(url, { range: 'bytes=1000-1999' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(ranged.headers.get('accept-ranges')).toBe('bytes');
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(ranged.headers.get('cache-control')).toContain('public');
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(1000, 2000));

    const tail = await visitor.get(url, { range: 'bytes=-500' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 500));
    expect((await visitor.get(url, { range: `bytes=${bytes.length}-` })).status).toBe(416);
  });

  it('counts unfinished video uploads against the three a resource may have, and frees a place when one is cancelled', async () => {
    const create = () =>
      fetch(`${baseUrl}/uploads`, {
        method: 'POST',
        headers: { ...manager.headers(), 'tus-resumable': '1.0.0', 'upload-length': '1000000', 'upload-metadata': `target ${Buffer.from('resource-video').toString('base64')},resourceId ${Buffer.from(resource.id).toString('base64')}` },
      });
    const attempts = await Promise.all([create(), create(), create(), create()]);
    const created = attempts.filter((r) => r.status === 201);
    expect(created).toHaveLength(2);
    const refused = attempts.find((r) => r.status !== 201)!;
    expect(refused.status).toBe(422);
    expect((await refused.json()).message).toBe('每个资源最多 3 段视频');
    const cancel = await fetch(new URL(created[0]!.headers.get('location')!, baseUrl), { method: 'DELETE', headers: { ...manager.headers(), 'tus-resumable': '1.0.0' } });
    expect(cancel.status).toBe(204);
    await expect.poll(async () => (await create()).status).toBe(201);
  });
});
