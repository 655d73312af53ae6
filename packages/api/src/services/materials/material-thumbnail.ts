import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { makeThumbnail } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { THUMBNAIL_WIDTH } from '../resources/resource-thumbnails.ts';

/** Where a photo's thumbnail is kept: beside the copy it is made from, `<id>-stripped.jpg` → `<id>-stripped-thumb.jpg`. */
export const materialThumbnailKey = (sourceKey: string) => `${sourceKey.replace(/\.[a-z0-9]{1,5}$/i, '')}-thumb.jpg`;

/**
 * The key of a photo's thumbnail, made from its copy without metadata on first request and kept,
 * so lists of materials load a few dozen kB per photo instead of the 2–4 MB originals. Null when
 * ffmpeg cannot shrink it: the caller then sends the full copy.
 */
export async function ensureMaterialThumbnail(files: FileStore, sourceKey: string, log: { warn: (data: object, message: string) => void }) {
  const key = materialThumbnailKey(sourceKey);
  if ((await files.size(key)) !== null) return key;
  const dir = await mkdtemp(join(tmpdir(), 'ssb-thumb-'));
  try {
    const source = join(dir, 'source.jpg');
    const output = join(dir, 'thumb.jpg');
    await pipeline(await files.read(sourceKey), createWriteStream(source));
    await makeThumbnail(source, output, { width: THUMBNAIL_WIDTH });
    await files.putFile(key, output);
    return key;
  } catch (error) {
    log.warn({ sourceKey, error: (error as Error).message }, 'material thumbnail failed; the full copy is sent instead');
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
