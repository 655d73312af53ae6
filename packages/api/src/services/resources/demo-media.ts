import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import type { ResourceMediaItem } from '@ssb/domain/shared-resources';
import { checkResourceVideo, makeThumbnail } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { and, eq, sql } from 'drizzle-orm';
import { queueSearchUpdate } from '../search/outbox.ts';
import { basePhotoKey, basePhotoThumbnailKey } from '../base-profile/base-photos.ts';
import { storageKey } from './resource-media.ts';
import { THUMBNAIL_WIDTH, thumbnailStorageKey } from './resource-thumbnails.ts';

const run = promisify(execFile);
const ffmpeg = (args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { timeout: 60_000 });

/** Distinct pictures made in one ffmpeg run; resources take them in turn. */
const PICTURES = 6;

/** Pictures (each with its thumbnail) and one short video, made with ffmpeg into `dir`. */
async function makeDemoMedia(dir: string) {
  await ffmpeg(['-f', 'lavfi', '-i', 'gradients=s=1200x800:speed=0.08:r=1:seed=7', '-frames:v', String(PICTURES), '-q:v', '4', join(dir, 'picture-%d.jpg')]);
  const pictures = Array.from({ length: PICTURES }, (_, i) => ({ original: join(dir, `picture-${i + 1}.jpg`), thumbnail: join(dir, `picture-${i + 1}-thumb.jpg`) }));
  await Promise.all(pictures.map((p) => makeThumbnail(p.original, p.thumbnail, { width: THUMBNAIL_WIDTH })));
  const video = join(dir, 'video.mp4');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=10', '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  return { pictures, video };
}

/** Puts a copy of a local file into the store (putFile moves its source, and each file is used many times). */
async function putCopy(files: FileStore, key: string, source: string) {
  const copy = `${source}.${randomUUID()}`;
  await copyFile(source, copy);
  await files.putFile(key, copy);
}

/**
 * Gives the demo resources that have no images yet a picture each (the first of each type two), with
 * thumbnails stored beside them as for uploaded ones, and the first demo video resource a video.
 * Run once after the demo seed, with the server's FileStore; takes a few seconds.
 */
export async function seedDemoResourceMedia(deps: { db: Database; files: FileStore }) {
  const bases = await deps.db
    .select({ id: schema.bases.id })
    .from(schema.bases)
    .where(and(eq(schema.bases.isDemo, true), sql`jsonb_array_length(${schema.bases.photos}) = 0`))
    .orderBy(schema.bases.number);
  const rows = await deps.db
    .select({ id: schema.resources.id, type: schema.resources.type, media: schema.resources.media })
    .from(schema.resources)
    .where(and(eq(schema.resources.isDemo, true), sql`jsonb_array_length(${schema.resources.media}) = 0`))
    .orderBy(sql`${schema.resources.publishedAt} desc nulls last`, schema.resources.id);
  if (rows.length === 0 && bases.length === 0) return 0;
  const dir = await mkdtemp(join(tmpdir(), 'ssb-demo-media-'));
  try {
    const { pictures, video } = await makeDemoMedia(dir);
    // Each demo base shows two of the pictures on its page, as photos its managers uploaded would be.
    for (const [i, base] of bases.entries()) {
      const photos = [];
      for (let n = 0; n < 2; n++) {
        const picture = pictures[(i + n) % pictures.length]!;
        const key = `${randomUUID()}.jpg`;
        await putCopy(deps.files, basePhotoKey(base.id, key), picture.original);
        await putCopy(deps.files, basePhotoThumbnailKey(base.id, key), picture.thumbnail);
        photos.push({ key, name: `基地照片${n + 1}.jpg` });
      }
      await deps.db.update(schema.bases).set({ photos }).where(eq(schema.bases.id, base.id));
    }
    const check = await checkResourceVideo(video);
    if (!check.ok) throw new Error(`demo video refused: ${check.errors.join('; ')}`);
    const videoBytes = await readFile(video);
    const videoItem = {
      kind: 'video' as const,
      name: '演示视频.mp4',
      bytes: (await stat(video)).size,
      sha256: createHash('sha256').update(videoBytes).digest('hex'),
      durationSeconds: check.durationSeconds,
      width: check.width,
      height: check.height,
    };
    const seenTypes = new Set<string>();
    let videoGiven = false;
    for (const [i, row] of rows.entries()) {
      const count = seenTypes.has(row.type) ? 1 : 2;
      seenTypes.add(row.type);
      const media: ResourceMediaItem[] = [];
      for (let n = 0; n < count; n++) {
        const picture = pictures[(i + n) % pictures.length]!;
        const key = `${randomUUID()}.jpg`;
        await putCopy(deps.files, storageKey(row.id, key), picture.original);
        await putCopy(deps.files, thumbnailStorageKey(row.id, key), picture.thumbnail);
        media.push({ key, kind: 'image', name: `演示图片${n + 1}.jpg` });
      }
      if (!videoGiven && row.type === 'video') {
        const key = `${randomUUID()}.mp4`;
        await putCopy(deps.files, storageKey(row.id, key), video);
        media.push({ key, ...videoItem });
        videoGiven = true;
      }
      await deps.db.transaction(async (tx) => {
        await tx.update(schema.resources).set({ media }).where(eq(schema.resources.id, row.id));
        await queueSearchUpdate(tx, 'resource', row.id);
      });
    }
    return rows.length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
