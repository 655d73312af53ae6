import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, link, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { checkPhoto, checkVideo } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { and, eq, inArray } from 'drizzle-orm';
import { currentShortCode } from '../paper/short-code.ts';

const run = promisify(execFile);
const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { timeout: 60_000 });

/** Distinct photos made in one ffmpeg run; the materials take them in turn. */
const PHOTOS = 3;

type MadeFile = { path: string; bytes: number; sha256: string; width: number; height: number; durationSeconds: number | null };

async function describe(path: string, width: number, height: number, durationSeconds: number | null): Promise<MadeFile> {
  const bytes = await readFile(path);
  return { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), width, height, durationSeconds };
}

/**
 * Photos as the notice wants them (JPEG, at least 2 MB: grain keeps the encoder from shrinking them) and one
 * 3-second 1920×1080 MP4, checked by the same rules as an upload so the demo never shows a file the
 * office would have refused.
 */
async function makeMaterialFiles(dir: string) {
  await ffmpeg(['-f', 'lavfi', '-i', 'gradients=s=2000x1500:speed=0.08:r=1:seed=11', '-vf', 'noise=alls=20:allf=t', '-frames:v', String(PHOTOS), '-q:v', '3', join(dir, 'photo-%d.jpg')]);
  const video = join(dir, 'video.mp4');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=10', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '38', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  const photos = [];
  for (let i = 1; i <= PHOTOS; i++) {
    const path = join(dir, `photo-${i}.jpg`);
    const check = await checkPhoto(path);
    if (!check.ok) throw new Error(`demo photo refused: ${check.errors.join('; ')}`);
    photos.push(await describe(path, check.width ?? 2000, check.height ?? 1500, null));
  }
  const check = await checkVideo(video);
  if (!check.ok) throw new Error(`demo video refused: ${check.errors.join('; ')}`);
  return { photos, video: await describe(video, check.width ?? 1920, check.height ?? 1080, check.durationSeconds ?? 3) };
}

/**
 * Gives the demo applications' materials real bytes: the seed writes their rows (in `@ssb/db`, without
 * ffmpeg), this stores a generated photo or video under each row's key, corrects the row's size and
 * sha256, names the file as the notice asks (unit name + sequence number), and prints the paper
 * receipts' codes. Run once after the demo seed, with the server's FileStore; takes a few seconds.
 */
export async function seedDemoMaterialFiles(deps: { db: Database; files: FileStore }) {
  const rows = await deps.db
    .select({ id: schema.materials.id, applicationId: schema.materials.applicationId, kind: schema.materials.kind, storageKey: schema.materials.storageKey, sortOrder: schema.materials.sortOrder, unit: schema.organizations.name })
    .from(schema.materials)
    .innerJoin(schema.applications, eq(schema.applications.id, schema.materials.applicationId))
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.applications.organizationId))
    .where(eq(schema.organizations.isDemo, true))
    .orderBy(schema.materials.applicationId, schema.materials.kind, schema.materials.sortOrder);
  const missing = [];
  for (const row of rows) if ((await deps.files.size(row.storageKey)) === null) missing.push(row);
  if (missing.length > 0) {
    const dir = await mkdtemp(join(tmpdir(), 'ssb-demo-materials-'));
    try {
      const { photos, video } = await makeMaterialFiles(dir);
      for (const [i, row] of missing.entries()) {
        const file = row.kind === 'photo' ? photos[i % photos.length]! : video;
        // putFile moves its source, and each generated file is used many times: a hard link costs no copy
        // (the store never writes a file in place), a copy where links are refused.
        const copy = `${file.path}.${randomUUID()}`;
        await link(file.path, copy).catch(() => copyFile(file.path, copy));
        await deps.files.putFile(row.storageKey, copy);
        const { path: _path, ...facts } = file;
        await deps.db
          .update(schema.materials)
          .set({ ...facts, format: row.kind === 'photo' ? 'jpeg' : 'mp4', originalName: `${row.unit}${row.sortOrder}.${row.kind === 'photo' ? 'jpg' : 'mp4'}`, strippedStorageKey: null })
          .where(eq(schema.materials.id, row.id));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  await printDemoPaperCodes(deps.db);
  return missing.length;
}

/** The seed records demo paper copies as matching without their code (it is the PDF renderer's hash): fill it in. */
async function printDemoPaperCodes(db: Database) {
  const receipts = await db.select({ id: schema.paperReceipts.id, applicationId: schema.paperReceipts.applicationId }).from(schema.paperReceipts).where(eq(schema.paperReceipts.code, ''));
  if (receipts.length === 0) return;
  const applications = await db.query.applications.findMany({
    where: inArray(schema.applications.id, receipts.map((r) => r.applicationId)),
    with: { campaign: true, organization: true, recommendingBody: true },
  });
  for (const receipt of receipts) {
    const application = applications.find((a) => a.id === receipt.applicationId);
    if (!application?.organization.isDemo) continue;
    await db.update(schema.paperReceipts).set({ code: currentShortCode(application) }).where(and(eq(schema.paperReceipts.id, receipt.id), eq(schema.paperReceipts.code, '')));
  }
}
