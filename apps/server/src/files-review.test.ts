import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { exifOrientation, inspectJpeg } from '@ssb/media';
import { IDENTIFYING_TEXT, makeTaggedJpeg, makeTaggedVideo } from '@ssb/media/testing/fixtures';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

const run = promisify(execFile);
const naming = Buffer.from(IDENTIFYING_TEXT, 'utf8');
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** Experts read the photos and videos of the nominations assigned to them, and of no other — and never what names the unit. */
describe('materials for assigned experts', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl = '';
  let expert: ReturnType<typeof createHttpClient>;
  let office: ReturnType<typeof createHttpClient>;
  let assignedPhoto = '';
  let assignedVideo = '';
  let otherMaterial = '';
  let assignmentId = '';
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-files-review-'));

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: scratch, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    const db = database.db;
    const expertUser = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert4@demo.ssb.local') }))!;
    const round = (await db.query.reviewRounds.findFirst({ where: (r, { eq }) => eq(r.kind, 'initial') }))!;
    const [assigned, other] = await db.select().from(schema.applications).where(and(eq(schema.applications.campaignId, round.campaignId), eq(schema.applications.status, 'recommended')));
    // Exactly one assignment for this expert, whatever the demo seed assigned.
    await db.delete(schema.reviewAssignments).where(eq(schema.reviewAssignments.expertUserId, expertUser.id));
    const [row] = await db.insert(schema.reviewAssignments).values({ roundId: round.id, applicationId: assigned!.id, expertUserId: expertUser.id }).returning();
    assignmentId = row!.id;
    // Materials kept before stripped copies existed: the originals, tagged as a unit's camera would.
    const photo = await makeTaggedJpeg(join(scratch, 'tagged.jpg'), { width: 800, height: 600, orientation: 6 });
    const video = await makeTaggedVideo(join(scratch, 'tagged.mp4'));
    const keep = async (applicationId: string, kind: 'photo' | 'video', source: string) => {
      const found = await db.query.materials.findFirst({ where: (m, { and, eq }) => and(eq(m.applicationId, applicationId), eq(m.kind, kind)) });
      const material = found ?? (await db.insert(schema.materials).values({ applicationId, kind, format: 'mp4', originalName: 'v.mp4', storageKey: `seed/${applicationId}/extra-${kind}`, bytes: 1, sha256: '0'.repeat(64) }).returning())[0]!;
      // The store moves the file in, so each material gets its own copy.
      const copy = join(scratch, `${material.id}`);
      writeFileSync(copy, readFileSync(source));
      await platform.deps.files.putFile(material.storageKey, copy);
      return material.id;
    };
    assignedPhoto = await keep(assigned!.id, 'photo', photo);
    assignedVideo = await keep(assigned!.id, 'video', video);
    otherMaterial = await keep(other!.id, 'photo', photo);
    expert = createHttpClient(baseUrl);
    await expert.mutate('auth.login', { email: 'expert4@demo.ssb.local', password: DEMO_PASSWORD });
    office = createHttpClient(baseUrl);
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('gives the expert a photo without the EXIF, XMP, IPTC or comment naming the unit, still upright, even when asking for the original', async () => {
    const shown = await bytesOf(await expert.get(`/files/materials/${assignedPhoto}`));
    expect(shown.includes(naming)).toBe(false);
    expect(shown.includes(Buffer.from('13800000000'))).toBe(false);
    expect((await bytesOf(await expert.get(`/files/materials/${assignedPhoto}?original=1`))).equals(shown)).toBe(true);
    // The copy is made once and remembered.
    const row = await database.db.query.materials.findFirst({ where: (m, { eq }) => eq(m.id, assignedPhoto) });
    expect(row!.strippedStorageKey).toMatch(/-stripped$/);
    // Only the orientation tag is left of its EXIF, so the phone photo still shows upright.
    expect(exifOrientation(shown.subarray(shown.indexOf(Buffer.from('Exif\0\0', 'latin1'))))).toBe(6);
  });

  it('gives the expert a video without the container and stream tags naming the unit', async () => {
    const response = await expert.get(`/files/materials/${assignedVideo}`);
    expect(response.status).toBe(200);
    const path = join(scratch, 'expert.mp4');
    writeFileSync(path, await bytesOf(response));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
    expect(stdout).not.toContain(IDENTIFYING_TEXT);
    expect(JSON.parse(stdout).streams.length).toBeGreaterThan(0);
  });

  it('gives the office the original on request, and the stripped copy otherwise', async () => {
    const original = await bytesOf(await office.get(`/files/materials/${assignedPhoto}?original=1`));
    expect(original.equals(readFileSync(join(scratch, 'tagged.jpg')))).toBe(true);
    expect((await bytesOf(await office.get(`/files/materials/${assignedPhoto}`))).includes(naming)).toBe(false);
  });

  it('sends lists a small thumbnail of a photo, made from the copy without metadata, and the full copy otherwise', async () => {
    const full = await bytesOf(await expert.get(`/files/materials/${assignedPhoto}`));
    const response = await expert.get(`/files/materials/${assignedPhoto}?size=thumb`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const thumb = await bytesOf(response);
    expect(thumb.length).toBeLessThan(full.length);
    expect(thumb.includes(naming)).toBe(false);
    const path = join(scratch, 'thumb-check.jpg');
    writeFileSync(path, thumb);
    expect((await inspectJpeg(path))?.width).toBeLessThanOrEqual(480);
    // Made once, then served from the store.
    expect((await bytesOf(await expert.get(`/files/materials/${assignedPhoto}?size=thumb`))).equals(thumb)).toBe(true);
    // A video has no thumbnail: the same bytes as without the parameter.
    expect((await expert.get(`/files/materials/${assignedVideo}?size=thumb`, { range: 'bytes=0-15' })).status).toBe(206);
  });

  it('answers junk ids and missing files with 404 in Chinese, and a failing database with 503, never 500', async () => {
    for (const id of ['not-a-uuid', '------------------------------------', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '00000000-0000-0000-0000-000000000000']) {
      const response = await office.get(`/files/materials/${id}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe('文件不存在或无权查看');
    }
    const missing = (await database.db.query.materials.findFirst({ where: (m, { and, eq, ne }) => and(eq(m.kind, 'photo'), ne(m.id, assignedPhoto), ne(m.id, otherMaterial)) }))!;
    // The demo's files are made on the first start; this one was lost since (a disk restored from an old backup).
    for (const key of [missing.storageKey, missing.strippedStorageKey]) if (key) await platform.deps.files.delete(key);
    const gone = await office.get(`/files/materials/${missing.id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.message).toBe('文件不存在');
    for (const path of ['/files/resources/------------------------------------/x.jpg', `/files/resources/${missing.id}/00000000-0000-0000-0000-000000000000.jpg`]) {
      expect((await office.get(path)).status).toBe(404);
    }

    // A server whose database went away: "try again later", not a stack trace.
    const broken = createDatabase({});
    const lonely = await createServer({ database: broken, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-files-down-')), SEED_DEMO: false, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await broken.close();
    const headers = { cookie: office.headers().cookie };
    for (const url of [`/files/materials/${assignedPhoto}`, `/files/resources/${missing.id}/00000000-0000-0000-0000-000000000000.jpg`]) {
      const response = await lonely.server.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('暂时不可用');
      expect(response.body).not.toMatch(/select|postgres|pglite|\/tmp\//i);
    }
    await lonely.server.close();
  });

  it('serves the assigned nomination’s materials, not another’s, and none after the expert recuses', async () => {
    expect((await expert.get(`/files/materials/${assignedPhoto}`)).status).toBe(200);
    expect((await expert.get(`/files/materials/${otherMaterial}`)).status).toBe(404);
    await expert.mutate('review.declareConflict', { assignmentId, reason: '曾为该馆提供咨询' });
    expect((await expert.get(`/files/materials/${assignedPhoto}`)).status).toBe(404);
  });
});
