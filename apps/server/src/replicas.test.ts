import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD, seedDemo } from '@ssb/db/seed';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import { startS3rver } from '@ssb/storage/testing/s3rver';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';
import { createUploadLocker } from './upload-locker.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const portOf = (platform: Platform) => (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;

/**
 * Two replicas as production runs them: two server instances (each its own Fastify, tus server,
 * job and search workers, and on PostgreSQL its own connection pool) sharing nothing but the
 * database, the S3 store (s3rver on 127.0.0.1) and the uploads staging folder.
 */
// Replicas matter on PostgreSQL (PGlite is one process's database): there when TEST_DATABASE_URL is set, else on PGlite.
const ENGINE = TEST_ENGINES.includes('postgres') ? 'postgres' : 'pglite';

describe('two replicas on one database and one S3 store', () => {
  const engine = ENGINE;
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let database: DatabaseHandle;
  let second: DatabaseHandle;
  let a: Platform;
  let b: Platform;
  let urlA: string;
  let urlB: string;
  let file: (name: string) => string;
  let applicantA: ReturnType<typeof createHttpClient>;
  let applicantB: ReturnType<typeof createHttpClient>;
  let applicationId: string;
  let uploadsDir: string;

  beforeAll(async () => {
    file = (await makeMediaFixtures()).path;
    s3 = await startS3rver();
    database = await createTestDatabase(engine);
    // The demo's accounts and bases, without the demo's pictures and videos (ffmpeg makes those slowly).
    await database.db.transaction((tx) => seedDemo(tx));
    // On PostgreSQL each replica has its own pool; PGlite is one process's database, so both share it.
    second = engine === 'postgres' ? createDatabase({ url: database.url!, maxConnections: 5 }) : database;
    uploadsDir = mkdtempSync(join(tmpdir(), 'ssb-replicas-uploads-'));
    const envOf = () => ({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-replica-')),
      UPLOADS_DIR: uploadsDir,
      LOG_LEVEL: 'silent' as const,
      SEED_DEMO: false,
      SERVE_APPS: false,
      HOST: '127.0.0.1',
      PORT: 0,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: 'ssb',
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
    });
    // On PostgreSQL nothing but the database stands between the two instances' upload locks, as between processes.
    const ownUploadLocks = engine === 'postgres';
    a = await createServer({ database, env: envOf(), ownUploadLocks });
    await a.start();
    b = await createServer({ database: second, env: envOf(), ownUploadLocks });
    await b.start();
    urlA = `http://127.0.0.1:${portOf(a)}`;
    urlB = `http://127.0.0.1:${portOf(b)}`;
    applicantA = createHttpClient(urlA);
    await applicantA.mutate('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    // The session is a row in the database: the same cookie is signed in on the other replica.
    applicantB = applicantA.at(urlB);
    const campaign = await applicantB.query<{ id: string }>('campaigns.current');
    const bodies = await applicantB.query<Array<{ id: string; code: string }>>('reference.recommendingBodies');
    applicationId = (await applicantB.mutate<{ id: string }>('applications.create', { campaignId: campaign.id, recommendingBodyId: bodies.find((x) => x.code === 'bast')!.id })).id;
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    if (second !== database) await second?.close();
    await database?.close();
    await s3?.close();
  });

  function upload(bytes: Buffer, options: Partial<tus.UploadOptions>) {
    const instance = new tus.Upload(bytes, {
      metadata: { applicationId, kind: 'video', filename: 'landscape.mp4' },
      headers: applicantA.headers(),
      retryDelays: [],
      removeFingerprintOnSuccess: true,
      ...options,
    });
    const done = new Promise<{ ok: boolean; status?: number; materialId?: string | null }>((resolve) => {
      instance.options.onSuccess = (payload) => resolve({ ok: true, materialId: payload.lastResponse.getHeader('X-Material-Id') ?? null });
      instance.options.onError = (error) => resolve({ ok: false, status: (error as tus.DetailedError).originalResponse?.getStatus() ?? 0 });
    });
    return { instance, done };
  }

  it('finishes on one replica an upload started on the other, with the sha256 of the bytes sent, and serves it from both', async () => {
    const bytes = readFileSync(file('landscape.mp4'));
    const first = upload(bytes, { endpoint: `${urlA}/uploads`, chunkSize: Math.ceil(bytes.length / 3) });
    let sent = 0;
    const cut = new Promise<void>((resolve) => {
      first.instance.options.onChunkComplete = (_chunk, accepted) => {
        sent = accepted;
        void first.instance.abort().then(resolve);
      };
    });
    first.instance.start();
    await cut;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(bytes.length);
    const path = new URL(first.instance.url!).pathname;

    // Replica B knows the upload and its offset although A took every byte so far.
    const head = await fetch(`${urlB}${path}`, { method: 'HEAD', headers: { ...applicantB.headers(), 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(sent);

    const rest = upload(bytes, { uploadUrl: `${urlB}${path}`, chunkSize: Math.ceil(bytes.length / 3) });
    rest.instance.start();
    const result = await rest.done;
    expect(result).toMatchObject({ ok: true, materialId: expect.any(String) });

    // Listed through A, downloaded whole through A and by range through B: the bytes sent.
    const materials = await applicantA.query<Array<{ id: string; kind: string; sha256: string; url: string }>>('applications.materials', { applicationId });
    const video = materials.find((m) => m.id === result.materialId)!;
    expect(video).toMatchObject({ kind: 'video', sha256: sha256(bytes) });
    const whole = await applicantA.get(`${video.url}?original=1`);
    expect(whole.status).toBe(200);
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(sha256(bytes));
    const ranged = await applicantB.get(`${video.url}?original=1`, { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  }, 60_000);

  it('stops a PATCH still being read on one replica once the other is asked about the upload, so two never write one file', async () => {
    const bytes = readFileSync(file('landscape.mp4'));
    const tusHeaders = { ...applicantA.headers(), 'tus-resumable': '1.0.0' };
    const encode = (metadata: Record<string, string>) => Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
    const created = await fetch(`${urlA}/uploads`, { method: 'POST', headers: { ...tusHeaders, 'upload-length': String(bytes.length), 'upload-metadata': encode({ applicationId, kind: 'video', filename: 'held.mp4' }) } });
    expect(created.status).toBe(201);
    const path = new URL(created.headers.get('location')!, urlA).pathname;
    const headOn = async (url: string) => Number((await fetch(`${url}${path}`, { method: 'HEAD', headers: tusHeaders })).headers.get('upload-offset'));

    // A client sends 64 KiB to A and then stalls with its request still open (a half-open connection).
    const first = 64 * 1024;
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new Uint8Array(bytes.subarray(0, first)));
        await stalled;
        controller.enqueue(new Uint8Array(bytes.subarray(first, 2 * first)));
        controller.close();
      },
    });
    const patchOnA = fetch(`${urlA}${path}`, { method: 'PATCH', headers: { ...tusHeaders, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, body, duplex: 'half' } as RequestInit).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // Asked on B, the holder on A lets go: A's request is ended and B answers with what A had written.
    const offset = await headOn(urlB);
    expect(offset).toBe(first);
    const ended = await Promise.race([patchOnA, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5000))]);
    expect(ended === 'still open' ? ended : ended?.status).toBe(204);
    // The stalled client goes on sending to A: nothing more reaches the file.
    resume();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await headOn(urlB)).toBe(first);

    const rest = await fetch(`${urlB}${path}`, { method: 'PATCH', headers: { ...tusHeaders, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(first) }, body: new Uint8Array(bytes.subarray(first)) });
    expect(rest.status).toBe(204);
    const materials = await applicantA.query<Array<{ id: string; sha256: string }>>('applications.materials', { applicationId });
    expect(materials.find((m) => m.id === rest.headers.get('x-material-id'))?.sha256).toBe(sha256(bytes));
  }, 60_000);

  it('uploads a photo through one replica that the other serves, thumbnail included', async () => {
    const bytes = readFileSync(file('photo-large.jpg'));
    const photo = upload(bytes, { endpoint: `${urlB}/uploads`, chunkSize: 1024 * 1024, metadata: { applicationId, kind: 'photo', filename: 'photo.jpg' } });
    photo.instance.start();
    const result = await photo.done;
    expect(result).toMatchObject({ ok: true });
    const materials = await applicantA.query<Array<{ id: string; url: string; sha256: string }>>('applications.materials', { applicationId });
    const shown = materials.find((m) => m.id === result.materialId)!;
    expect(shown.sha256).toBe(sha256(bytes));
    const original = await applicantA.get(`${shown.url}?original=1`);
    expect(sha256(Buffer.from(await original.arrayBuffer()))).toBe(sha256(bytes));
    // The thumbnail made on A is kept in the store, so B serves the same bytes without making another.
    const thumbA = Buffer.from(await (await applicantA.get(`${shown.url}?size=thumb`)).arrayBuffer());
    const thumbB = Buffer.from(await (await applicantB.get(`${shown.url}?size=thumb`)).arrayBuffer());
    expect(thumbA.length).toBeGreaterThan(0);
    expect(thumbB.equals(thumbA)).toBe(true);
  }, 60_000);

  it('finds through one replica what was published through the other', async () => {
    const manager = createHttpClient(urlA);
    await manager.mutate('auth.login', { email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    const bases = await manager.query<Array<{ id: string }>>('bases.mine');
    const title = '双副本检索验证展品';
    const resource = await manager.mutate<{ id: string }>('resources.create', {
      baseId: bases[0]!.id, type: 'exhibit', title, descriptionHtml: '<p>一段足够长的介绍文字，用于发布。</p>', scientists: [], elements: [], audiences: [], lendable: false, lendingTerms: '',
    });
    await manager.mutate('resources.transition', { resourceId: resource.id, action: 'publish' });
    const visitorB = createHttpClient(urlB);
    const deadline = Date.now() + 20_000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      ids = (await visitorB.query<{ hits: Array<{ id: string }> }>('search.query', { q: '双副本检索', pageSize: 10 })).hits.map((h) => h.id);
      if (ids.includes(resource.id)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(ids).toContain(resource.id);
  }, 30_000);

  it('is not ready while the shared uploads folder is missing (an unmounted volume)', async () => {
    expect((await fetch(`${urlA}/readyz`)).status).toBe(200);
    const moved = `${uploadsDir}-away`;
    renameSync(uploadsDir, moved);
    try {
      expect((await fetch(`${urlA}/readyz`)).status).toBe(503);
      expect((await fetch(`${urlB}/readyz`)).status).toBe(503);
    } finally {
      renameSync(moved, uploadsDir);
    }
    expect((await fetch(`${urlB}/readyz`)).status).toBe(200);
  });
});

/** The lock of one upload across replicas: two lockers with their own connections, as two processes have. */
describe.skipIf(!process.env.TEST_DATABASE_URL)('the upload lock across replicas (PostgreSQL)', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database?.close());

  it('holds an upload for one replica at a time, and asks the holder to let go when another wants it', async () => {
    const one = createUploadLocker({ databaseUrl: database.url!, holders: new Map(), timeoutMs: 2_000 });
    const two = createUploadLocker({ databaseUrl: database.url!, holders: new Map(), timeoutMs: 400 });
    try {
      const held = one.newLock('upload-1');
      let asked = 0;
      await held.lock(new AbortController().signal, () => void asked++);
      // The holder does not let go: the other replica waits, asks, and gives up after its timeout.
      await expect(two.newLock('upload-1').lock(new AbortController().signal, () => undefined)).rejects.toMatchObject({ status_code: 500 });
      expect(asked).toBeGreaterThan(0);
      // Another upload is not held up.
      const other = two.newLock('upload-2');
      await other.lock(new AbortController().signal, () => undefined);
      await other.unlock();

      // A holder that lets go when asked (as tus ends its request) hands the lock over.
      const patient = createUploadLocker({ databaseUrl: database.url!, holders: new Map(), timeoutMs: 5_000 });
      const releasing = patient.newLock('upload-3');
      await releasing.lock(new AbortController().signal, () => void releasing.unlock());
      const next = two.newLock('upload-3');
      const started = Date.now();
      await next.lock(new AbortController().signal, () => undefined);
      expect(Date.now() - started).toBeLessThan(2_000);
      await next.unlock();
      await held.unlock();
      await patient.close();
    } finally {
      await one.close();
      await two.close();
    }
  });
});
