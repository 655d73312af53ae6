import { rm } from 'node:fs/promises';
import { makeThumbnail } from '@ssb/media';
import type { FileStore } from '@ssb/storage';

/** Cards and tiles show images at most this wide; the gallery keeps the original. */
export const THUMBNAIL_WIDTH = 480;

/** Where an image's thumbnail is stored: beside the original, `<uuid>.jpg` → `<uuid>-thumb.jpg`. */
export const thumbnailStorageKey = (resourceId: string, key: string) => `resources/${resourceId}/${key.replace(/\.[a-z0-9]+$/i, '')}-thumb.jpg`;

/** Where a failed thumbnail is reported (the server passes its request logger). */
export type ThumbnailLog = { warn: (data: Record<string, unknown>, message: string) => void };
const consoleLog: ThumbnailLog = { warn: (data, message) => console.warn(message, data) };

/**
 * Makes an image's thumbnail from its local copy and stores it under `storageKey`. A picture ffmpeg
 * cannot shrink costs only the thumbnail: the failure is logged, false is returned, and the original
 * is served in its place. Resource images and activity-report photos both use it.
 */
export async function storeThumbnail(files: FileStore, storageKey: string, sourcePath: string, log: ThumbnailLog = consoleLog, context: Record<string, unknown> = {}) {
  const output = `${sourcePath}-thumb.jpg`;
  try {
    await makeThumbnail(sourcePath, output, { width: THUMBNAIL_WIDTH });
    await files.putFile(storageKey, output);
    return true;
  } catch (error) {
    log.warn({ ...context, storageKey, error: (error as Error).message }, 'image thumbnail failed; the original will be served instead');
    return false;
  } finally {
    await rm(output, { force: true });
  }
}

export const storeResourceThumbnail = (files: FileStore, resourceId: string, key: string, sourcePath: string, log: ThumbnailLog = consoleLog) =>
  storeThumbnail(files, thumbnailStorageKey(resourceId, key), sourcePath, log, { resourceId, key });

/**
 * The stored file to send for an image: its thumbnail when asked and there is one, otherwise the
 * original (images uploaded before thumbnails existed, or ones ffmpeg could not shrink).
 */
export async function pickResourceMediaFile(files: FileStore, media: { storageKey: string; thumbnailKey: string | null; contentType: string }, size: 'thumb' | 'full') {
  if (size === 'thumb' && media.thumbnailKey) {
    const bytes = await files.size(media.thumbnailKey);
    if (bytes !== null) return { storageKey: media.thumbnailKey, contentType: 'image/jpeg', bytes, isThumbnail: true };
  }
  const bytes = await files.size(media.storageKey);
  return bytes === null ? null : { storageKey: media.storageKey, contentType: media.contentType, bytes, isThumbnail: false };
}
