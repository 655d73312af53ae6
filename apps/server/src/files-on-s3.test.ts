import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { makeTaggedJpeg, makeTaggedVideo } from '@ssb/media/testing/fixtures';
import { startS3rver } from '@ssb/storage/testing/s3rver';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** With S3_ENDPOINT set, materials are kept in and served from the S3 store: nothing reads a local path. */
describe('files on an S3 store (s3rver on 127.0.0.1)', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let office: ReturnType<typeof createHttpClient>;
  let applicationId = '';
  let photoId = '';
  let videoId = '';
  let video: Buffer;
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-files-s3-'));

  beforeAll(async () => {
    s3 = await startS3rver();
    database = createDatabase({});
    const env = { DATA_DIR: scratch, LOG_LEVEL: 'silent' as const, SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0, S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'ssb', S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' };
    platform = await createServer({ database, env });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    office = createHttpClient(`http://127.0.0.1:${port}`);
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    const db = database.db;
    const application = (await db.query.applications.findFirst({ where: eq(schema.applications.status, 'recommended') }))!;
    applicationId = application.id;
    await db.delete(schema.materials).where(eq(schema.materials.applicationId, applicationId));
    const photoPath = join(scratch, 'p.jpg');
    const videoPath = join(scratch, 'v.mp4');
    await makeTaggedJpeg(photoPath, { width: 800, height: 600, orientation: 1 });
    await makeTaggedVideo(videoPath);
    video = readFileSync(videoPath);
    const keep = async (kind: 'photo' | 'video', format: string, source: string, sortOrder: number) => {
      const key = `materials/${applicationId}/s3-${kind}.${format === 'jpeg' ? 'jpg' : 'mp4'}`;
      const copy = join(scratch, `${kind}-copy`);
      writeFileSync(copy, readFileSync(source));
      await platform.deps.files.putFile(key, copy);
      const [row] = await db.insert(schema.materials).values({ applicationId, kind, format, originalName: `${kind}.${format}`, storageKey: key, bytes: readFileSync(source).length, sha256: '0'.repeat(64), sortOrder }).returning();
      return row!.id;
    };
    photoId = await keep('photo', 'jpeg', photoPath, 0);
    videoId = await keep('video', 'mp4', videoPath, 0);
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
    await s3?.close();
  });

  it('reports the S3 store as ready', async () => {
    expect(platform.deps.files.kind).toBe('s3');
    expect((await office.get('/readyz')).status).toBe(200);
  });

  it('serves a stored video whole and by byte range from the store', async () => {
    const whole = await office.get(`/files/materials/${videoId}?original=1`);
    expect(whole.status).toBe(200);
    expect((await bytesOf(whole)).equals(video)).toBe(true);
    const part = await office.get(`/files/materials/${videoId}?original=1`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${video.length}`);
    expect((await bytesOf(part)).equals(video.subarray(100, 200))).toBe(true);
  });

  it('makes the copy without metadata from the store and keeps it there', async () => {
    const response = await office.get(`/files/materials/${photoId}`);
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).subarray(0, 2).toString('hex')).toBe('ffd8');
    const material = (await database.db.query.materials.findFirst({ where: eq(schema.materials.id, photoId) }))!;
    expect(material.strippedStorageKey).toBeTruthy();
    expect(await platform.deps.files.size(material.strippedStorageKey!)).toBeGreaterThan(0);
  });

  it('zips the materials streamed from the store', async () => {
    const response = await office.get(`/files/applications/${applicationId}/materials.zip`);
    expect(response.status).toBe(200);
    const file = join(scratch, 'materials.zip');
    writeFileSync(file, await bytesOf(response));
    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    expect(names.some((n) => n.endsWith('1.jpg'))).toBe(true);
    expect(names.some((n) => n.endsWith('1.mp4'))).toBe(true);
    expect(names.some((n) => n.includes('缺失材料说明'))).toBe(false);
    const videoEntry = names.find((n) => n.endsWith('1.mp4'))!;
    expect(execFileSync('unzip', ['-p', file, videoEntry], { maxBuffer: 64 * 1024 * 1024 }).equals(video)).toBe(true);
  });
});
