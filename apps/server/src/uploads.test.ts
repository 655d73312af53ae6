import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
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
    const bytes = readFileSync(file(name));
    const instance = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/uploads`,
      metadata: { applicationId, kind, filename: name },
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

  it('accepts a real JPEG over 2 MB and keeps its bytes intact', async () => {
    const { instance, done, bytes } = upload('photo-large.jpg', 'photo', { chunkSize: 512 * 1024 });
    instance.start();
    const result = await done;
    expect(result).toMatchObject({ ok: true, materialId: expect.any(String) });
    const materials = await applicant.query<Array<{ id: string; kind: string; sha256: string; url: string }>>('applications.materials', { applicationId });
    expect(materials).toEqual([expect.objectContaining({ kind: 'photo', sha256: sha256(bytes) })]);
    const stored = Buffer.from(await (await applicant.get(materials[0]!.url)).arrayBuffer());
    expect(sha256(stored)).toBe(sha256(bytes));
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

    const ranged = await applicant.get(`/files/materials/${video!.id}`, { range: 'bytes=100-199' });
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
