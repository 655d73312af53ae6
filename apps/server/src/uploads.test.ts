import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { UPLOAD_BYTES_IN_FLIGHT_PER_USER, UPLOAD_IDLE_EXPIRY_MS, UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { eq } from 'drizzle-orm';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { inspectJpeg } from '@ssb/media';
import { IDENTIFYING_TEXT, makeMediaFixtures, makeTaggedJpeg } from '@ssb/media/testing/fixtures';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { sweepIdleUploads } from './upload-targets/sweep.ts';
import { createHttpClient } from './testing/http-client.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('resumable uploads of materials', () => {
  let database: DatabaseHandle;
  let platform: Platform;
  let baseUrl: string;
  let port: number;
  let dataDir: string;
  let file: (name: string) => string;
  let applicant: ReturnType<typeof createHttpClient>;
  let applicationId: string;

  const start = async (listenPort = 0) => {
    platform = await createServer({ database, env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: listenPort } });
    await platform.start();
    port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
  };

  function upload(name: string, kind: 'photo' | 'video', options: Partial<tus.UploadOptions> = {}) {
    const bytes = readFileSync(name.startsWith('/') ? name : file(name));
    const instance = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/uploads`,
      metadata: { applicationId, kind, filename: basename(name) },
      headers: applicant.headers(),
      chunkSize: 64 * 1024,
      retryDelays: [],
      removeFingerprintOnSuccess: true,
      ...options,
    });
    const done = new Promise<{ ok: true; materialId: string | null } | { ok: false; status: number; body: { message: string; errors: string[] } }>((resolve) => {
      instance.options.onSuccess = (payload) => resolve({ ok: true, materialId: payload.lastResponse.getHeader('X-Material-Id') ?? null });
      instance.options.onError = (error) => {
        const response = (error as tus.DetailedError).originalResponse;
        resolve({ ok: false, status: response?.getStatus() ?? 0, body: response ? JSON.parse(response.getBody() || '{}') : { message: error.message, errors: [] } });
      };
    });
    return { instance, done, bytes };
  }

  beforeAll(async () => {
    file = (await makeMediaFixtures()).path;
    dataDir = mkdtempSync(join(tmpdir(), 'ssb-uploads-'));
    database = createDatabase({});
    await start();
    applicant = createHttpClient(baseUrl);
    await applicant.mutate('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    const campaign = await applicant.query<{ id: string }>('campaigns.current');
    const bodies = await applicant.query<Array<{ id: string; code: string }>>('reference.recommendingBodies');
    const created = await applicant.mutate<{ id: string }>('applications.create', { campaignId: campaign.id, recommendingBodyId: bodies.find((b) => b.code === 'bast')!.id });
    applicationId = created.id;
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('accepts a real JPEG over 2 MB, keeps the original intact for its unit, and serves a copy without the metadata naming it', async () => {
    await makeTaggedJpeg(join(dataDir, 'tagged-large.jpg'), { from: file('photo-large.jpg') });
    const { instance, done, bytes } = upload(join(dataDir, 'tagged-large.jpg'), 'photo', { chunkSize: 512 * 1024 });
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: true, materialId: expect.any(String) });
    const materials = await applicant.query<Array<{ id: string; kind: string; sha256: string; url: string }>>('applications.materials', { applicationId });
    expect(materials).toEqual([expect.objectContaining({ kind: 'photo', sha256: sha256(bytes) })]);
    expect(materials[0]).not.toHaveProperty('strippedStorageKey');
    const original = Buffer.from(await (await applicant.get(`${materials[0]!.url}?original=1`)).arrayBuffer());
    expect(sha256(original)).toBe(sha256(bytes));
    const shown = Buffer.from(await (await applicant.get(materials[0]!.url)).arrayBuffer());
    expect(bytes.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(true);
    expect(shown.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);
    expect(shown.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(await inspectJpeg(join(dataDir, 'files', (await platform.database.db.query.materials.findFirst({ where: (m, { eq }) => eq(m.id, materials[0]!.id) }))!.strippedStorageKey!))).toEqual({ width: 2400, height: 1800, isComplete: true });
  });

  it('refuses a PNG named .jpg after reading its bytes, saying what it is', async () => {
    const { instance, done } = upload('photo-is-png.jpg', 'photo', { chunkSize: 1024 * 1024 });
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect((result as { body: { message: string } }).body.message).toContain('实际为 PNG');
    const materials = await applicant.query<unknown[]>('applications.materials', { applicationId });
    expect(materials).toHaveLength(1);
  });

  it('refuses a photo under 2 MB before any byte is sent', async () => {
    const { instance, done } = upload('photo-small.jpg', 'photo');
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: false, status: 422, body: { message: expect.stringMatching(/小于 2 MB/) } });
  });

  it('resumes an upload cut off by a server restart, and the stored file is identical', async () => {
    const { instance, done, bytes } = upload('landscape.mp4', 'video', { chunkSize: 32 * 1024 });
    let sent = 0;
    const firstChunk = new Promise<void>((resolve) => {
      instance.options.onChunkComplete = (_size, accepted) => {
        sent = accepted;
        resolve();
      };
    });
    instance.start();
    await firstChunk;
    await instance.abort();
    const uploadUrl = instance.url!;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(bytes.length);

    await platform.stop();
    await start(port);
    // The first request may meet a kept-alive socket of the stopped server: ask again on a fresh one.
    const askOffset = () => fetch(uploadUrl, { method: 'HEAD', headers: { ...applicant.headers(), 'tus-resumable': '1.0.0' } });
    const head = await askOffset().catch(askOffset);
    expect(Number(head.headers.get('upload-offset'))).toBe(sent);

    instance.options.onChunkComplete = undefined;
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: true });
    const video = (await applicant.query<Array<{ kind: string; sha256: string; id: string; width: number; height: number }>>('applications.materials', { applicationId })).find((m) => m.kind === 'video');
    expect(video).toMatchObject({ sha256: sha256(bytes), width: 1920, height: 1080 });

    const ranged = await applicant.get(`/files/materials/${video!.id}?original=1`, { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it('does not let another unit read or add to the materials', async () => {
    const stranger = createHttpClient(baseUrl);
    await stranger.mutate('auth.login', { email: 'applicant2@demo.ssb.local', password: DEMO_PASSWORD });
    const materials = await applicant.query<Array<{ url: string }>>('applications.materials', { applicationId });
    expect((await stranger.get(materials[0]!.url)).status).toBe(404);
    const saved = applicant;
    applicant = stranger;
    const { instance, done } = upload('photo-large.jpg', 'photo', { chunkSize: 4 * 1024 * 1024 });
    applicant = saved;
    instance.start();
    expect(await done).toMatchObject({ ok: false, status: 403 });
  });
});

/** Raw tus requests: what any client (or anyone with curl) can send, beyond what the portal does. */
function tusClient(baseUrl: string, client: ReturnType<typeof createHttpClient>) {
  const encode = (metadata: Record<string, string>) => Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
  const tusHeaders = () => ({ ...client.headers(), 'tus-resumable': '1.0.0' });
  return {
    create: (metadata: Record<string, string>, length: number | null, extra: Record<string, string> = {}) =>
      fetch(`${baseUrl}/uploads`, { method: 'POST', headers: { ...tusHeaders(), ...(length === null ? {} : { 'upload-length': String(length) }), 'upload-metadata': encode(metadata), ...extra } }),
    send: (location: string, bytes: Buffer, offset = 0) =>
      fetch(new URL(location, baseUrl), { method: 'PATCH', headers: { ...tusHeaders(), 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, body: new Uint8Array(bytes) }),
    head: (location: string) => fetch(new URL(location, baseUrl), { method: 'HEAD', headers: tusHeaders() }),
    cancel: (location: string) => fetch(new URL(location, baseUrl), { method: 'DELETE', headers: tusHeaders() }),
  };
}

describe.each(TEST_ENGINES)('upload limits on %s', (engine) => {
  let database: DatabaseHandle;
  let platform: Platform;
  let baseUrl: string;
  let dataDir: string;
  let file: (name: string) => string;
  let applicant: ReturnType<typeof createHttpClient>;
  let raw: ReturnType<typeof tusClient>;
  let applicationId: string;
  const GIB = 1024 * 1024 * 1024;

  const materialsOf = async (kind: string) =>
    (await applicant.query<Array<{ kind: string; sortOrder: number }>>('applications.materials', { applicationId })).filter((m) => m.kind === kind);
  const inFlight = () => database.db.select().from(schema.uploadsInFlight);
  const idOf = (location: string) => location.split('/').pop()!;

  beforeAll(async () => {
    file = (await makeMediaFixtures()).path;
    dataDir = mkdtempSync(join(tmpdir(), 'ssb-upload-limits-'));
    database = engine === 'pglite' ? createDatabase({}) : await createTestDatabase('postgres');
    platform = await createServer({ database, env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    applicant = createHttpClient(baseUrl);
    await applicant.mutate('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    const campaign = await applicant.query<{ id: string }>('campaigns.current');
    const bodies = await applicant.query<Array<{ id: string; code: string }>>('reference.recommendingBodies');
    applicationId = (await applicant.mutate<{ id: string }>('applications.create', { campaignId: campaign.id, recommendingBodyId: bodies.find((b) => b.code === 'bast')!.id })).id;
    raw = tusClient(baseUrl, applicant);
  });
  beforeEach(async () => {
    await database.db.delete(schema.uploadsInFlight);
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('refuses a deferred length and a target named after a prototype key with 400 and a Chinese message', async () => {
    const deferred = await raw.create({ applicationId, kind: 'video', filename: 'a.mp4' }, null, { 'upload-defer-length': '1' });
    expect(deferred.status).toBe(400);
    expect((await deferred.json()).message).toBe(UPLOAD_MESSAGES.deferredLength);
    for (const target of ['__proto__', 'constructor', 'toString', 'nothing']) {
      const response = await raw.create({ target, applicationId, kind: 'photo', filename: 'a.jpg' }, 3 * 1024 * 1024);
      expect(response.status).toBe(400);
      expect((await response.json()).message).toBe('上传请求的类型无效');
    }
    expect(await inFlight()).toEqual([]);
  });

  it('counts unfinished uploads against the limits at creation, in parallel too (a race on PostgreSQL), and frees a place when one is cancelled', async () => {
    const photos = await Promise.all(Array.from({ length: 8 }, (_, i) => raw.create({ applicationId, kind: 'photo', filename: `p${i}.jpg` }, 3 * 1024 * 1024)));
    expect(photos.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = photos.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
    expect((await refused[0]!.json()).message).toBe('照片最多 5 张，请先删除不需要的照片');

    const videos = await Promise.all(Array.from({ length: 6 }, (_, i) => raw.create({ applicationId, kind: 'video', filename: `v${i}.mp4` }, GIB)));
    const created = videos.filter((r) => r.status === 201);
    expect(created).toHaveLength(2);
    expect(await inFlight()).toHaveLength(7);

    expect((await raw.cancel(created[0]!.headers.get('location')!)).status).toBe(204);
    await expect.poll(async () => (await inFlight()).length).toBe(6);
    expect((await raw.create({ applicationId, kind: 'video', filename: 'again.mp4' }, GIB)).status).toBe(201);
  });

  it('refuses more bytes in flight than one account may have, in Chinese', async () => {
    const user = (await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'applicant@demo.ssb.local') }))!;
    // Another application's videos, still being sent.
    await database.db.insert(schema.uploadsInFlight).values({ id: 'f'.repeat(32), userId: user.id, target: 'material', ownerKey: 'application:elsewhere:video', declaredBytes: UPLOAD_BYTES_IN_FLIGHT_PER_USER - GIB });
    const response = await raw.create({ applicationId, kind: 'video', filename: 'big.mp4' }, 2 * GIB);
    expect(response.status).toBe(429);
    expect((await response.json()).message).toMatch(/^同时进行中的上传已达 \d+ MB 上限/);
    expect((await raw.create({ applicationId, kind: 'video', filename: 'fits.mp4' }, GIB)).status).toBe(201);
  });

  it('keeps at most the allowed photos and videos, each in its own place, when uploads begun before they were counted finish in parallel (a race on PostgreSQL)', async () => {
    await makeTaggedJpeg(join(dataDir, 'tagged.jpg'), { from: file('photo-large.jpg') });
    const photo = readFileSync(join(dataDir, 'tagged.jpg'));
    const video = readFileSync(file('landscape.mp4'));
    const begin = async (kind: 'photo' | 'video', bytes: Buffer, n: number) => {
      const locations: string[] = [];
      for (let i = 0; i < n; i++) {
        const response = await raw.create({ applicationId, kind, filename: `${kind}${i}` }, bytes.length);
        expect(response.status).toBe(201);
        locations.push(response.headers.get('location')!);
        // As if begun before uploads were recorded: nothing counts it until it finishes.
        await database.db.delete(schema.uploadsInFlight);
      }
      return locations;
    };
    const photos = await begin('photo', photo, 8);
    const videos = await begin('video', video, 6);
    const finished = await Promise.all([...photos.map((l) => raw.send(l, photo)), ...videos.map((l) => raw.send(l, video))]);
    const statuses = finished.map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(7);
    expect(statuses.filter((s) => s !== 204).every((s) => s === 400 || s === 422)).toBe(true);
    for (const [kind, max] of [['photo', 5], ['video', 2]] as const) {
      const kept = await materialsOf(kind);
      expect(kept).toHaveLength(max);
      expect(new Set(kept.map((m) => m.sortOrder)).size).toBe(max);
    }
    const begun = new Set([...photos, ...videos].map(idOf));
    expect(readdirSync(join(dataDir, 'uploads')).filter((name) => begun.has(name.slice(0, 32)))).toEqual([]);
  });

  it('sweeps an upload idle for a day with its partial file, and keeps one still being sent', async () => {
    const user = (await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'applicant@demo.ssb.local') }))!;
    await database.db.delete(schema.materials).where(eq(schema.materials.applicationId, applicationId));
    const video = readFileSync(file('landscape.mp4'));
    const idle = (await raw.create({ applicationId, kind: 'video', filename: 'idle.mp4' }, video.length)).headers.get('location')!;
    const alive = (await raw.create({ applicationId, kind: 'video', filename: 'alive.mp4' }, video.length)).headers.get('location')!;
    expect((await raw.send(idle, video.subarray(0, 1000))).status).toBe(204);
    expect((await raw.send(alive, video.subarray(0, 1000))).status).toBe(204);
    expect((await raw.create({ applicationId, kind: 'video', filename: 'third.mp4' }, video.length)).status).toBe(403);

    const dayAgo = new Date(Date.now() - UPLOAD_IDLE_EXPIRY_MS - 60_000);
    await database.db.update(schema.uploadsInFlight).set({ lastActivityAt: dayAgo }).where(eq(schema.uploadsInFlight.id, idOf(idle)));
    for (const name of [idOf(idle), `${idOf(idle)}.json`]) utimesSync(join(dataDir, 'uploads', name), dayAgo, dayAgo);
    // A file left from before uploads were recorded, idle as long.
    const orphan = join(dataDir, 'uploads', 'a'.repeat(32));
    writeFileSync(orphan, 'partial');
    utimesSync(orphan, dayAgo, dayAgo);

    expect((await sweepIdleUploads(database.db, join(dataDir, 'uploads'))).sort()).toEqual(['a'.repeat(32), idOf(idle)].sort());
    expect(existsSync(join(dataDir, 'uploads', idOf(idle)))).toBe(false);
    expect(existsSync(join(dataDir, 'uploads', `${idOf(idle)}.json`))).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect((await raw.head(idle)).status).toBe(404);
    expect((await inFlight()).map((r) => r.id)).toEqual([idOf(alive)]);
    expect((await inFlight())[0]!.userId).toBe(user.id);

    expect(Number((await raw.head(alive)).headers.get('upload-offset'))).toBe(1000);
    expect((await raw.send(alive, video.subarray(1000), 1000)).status).toBe(204);
    expect(await materialsOf('video')).toHaveLength(1);
    expect(await inFlight()).toEqual([]);
  });
});
