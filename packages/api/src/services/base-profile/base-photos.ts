import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { BASE_PHOTO_LIMITS, BASE_PHOTO_MESSAGES, type BasePhoto } from '@ssb/domain/bases';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { makeThumbnail } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { checkResourceImage } from '../resources/resource-media.ts';
import { THUMBNAIL_WIDTH, type ThumbnailLog } from '../resources/resource-thumbnails.ts';
import { loadManagedBase, type ManagerViewer } from './managed-bases.ts';
import { PUBLIC_BASE_STATUSES } from './public-bases.ts';

export const basePhotoKey = (baseId: string, key: string) => `bases/${baseId}/${key}`;
export const basePhotoThumbnailKey = (baseId: string, key: string) => `bases/${baseId}/${key.replace(/\.[a-z0-9]+$/i, '')}-thumb.jpg`;
const CONFLICT = '基地信息已被他人或在其他页面修改，请刷新后重试';

async function savePhotos(tx: DbOrTx, viewer: ManagerViewer, baseId: string, version: number, photos: BasePhoto[], audit: { action: string; data: Record<string, unknown> }) {
  const [saved] = await tx
    .update(schema.bases)
    .set({ photos, version: sql`${schema.bases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(schema.bases.id, baseId), eq(schema.bases.version, version)))
    .returning({ version: schema.bases.version, photos: schema.bases.photos });
  if (!saved) throw userError('CONFLICT', CONFLICT);
  await appendAudit(tx, { actorUserId: viewer.userId, action: audit.action, entityType: 'base', entityId: baseId, data: audit.data });
  return saved;
}

/**
 * Adds one photo (on local disk at tempPath) to the end of a base's public photos: checked on its bytes
 * like a resource image, kept without its metadata, with a ≤ 480 px thumbnail beside it for the page
 * (when ffmpeg cannot make one, the original is served in its place and `log` hears why).
 */
export async function attachBasePhoto(deps: { db: Database; files: FileStore; log?: ThumbnailLog }, viewer: ManagerViewer, input: { baseId: string; version: number; name: string; tempPath: string }) {
  const base = await loadManagedBase(deps.db, viewer, input.baseId);
  if (base.version !== input.version) throw userError('CONFLICT', CONFLICT);
  if (base.photos.length >= BASE_PHOTO_LIMITS.maxPhotos) throw userError('BAD_REQUEST', BASE_PHOTO_MESSAGES.tooMany);
  const check = await checkResourceImage(input.tempPath);
  if (!check.ok) throw userError('BAD_REQUEST', check.message);
  const key = `${randomUUID()}.${check.format === 'jpeg' ? 'jpg' : 'png'}`;
  const stripped = await stripToSibling(input.tempPath, check.format).catch(async () => {
    await rm(`${input.tempPath}-stripped`, { force: true });
    throw userError('BAD_REQUEST', UPLOAD_MESSAGES.unreadableImage);
  });
  const thumbnail = `${stripped}-thumb.jpg`;
  try {
    try {
      await makeThumbnail(stripped, thumbnail, { width: THUMBNAIL_WIDTH });
      await deps.files.putFile(basePhotoThumbnailKey(base.id, key), thumbnail);
    } catch (error) {
      deps.log?.warn({ baseId: base.id, key, error: (error as Error).message }, 'base photo thumbnail failed; the original will be served instead');
    }
    await deps.files.putFile(basePhotoKey(base.id, key), stripped);
  } finally {
    await rm(stripped, { force: true });
    await rm(thumbnail, { force: true });
  }
  const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'photo';
  try {
    return await deps.db.transaction(async (tx) => {
      const current = await loadManagedBase(tx, viewer, input.baseId);
      if (current.photos.length >= BASE_PHOTO_LIMITS.maxPhotos) throw userError('BAD_REQUEST', BASE_PHOTO_MESSAGES.tooMany);
      return savePhotos(tx, viewer, current.id, input.version, [...current.photos, { key, name }], { action: 'base.photo.add', data: { key, name } });
    });
  } catch (error) {
    await deps.files.delete(basePhotoKey(base.id, key)).catch(() => undefined);
    await deps.files.delete(basePhotoThumbnailKey(base.id, key)).catch(() => undefined);
    throw error;
  }
}

/** Reorders or removes a base's photos: `keys` is the new list, a subset of the current one. */
export async function arrangeBasePhotos(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { baseId: string; version: number; keys: string[] }) {
  const { saved, removed } = await deps.db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const byKey = new Map(base.photos.map((p) => [p.key, p]));
    if (new Set(input.keys).size !== input.keys.length || input.keys.some((k) => !byKey.has(k))) throw userError('CONFLICT', CONFLICT);
    const removed = base.photos.filter((p) => !input.keys.includes(p.key));
    const saved = await savePhotos(tx, viewer, base.id, input.version, input.keys.map((k) => byKey.get(k)!), {
      action: removed.length ? 'base.photo.remove' : 'base.photo.reorder',
      data: { keys: input.keys, removed: removed.map((p) => p.key) },
    });
    return { saved, removed };
  });
  for (const photo of removed) {
    await deps.files.delete(basePhotoKey(input.baseId, photo.key)).catch(() => undefined);
    await deps.files.delete(basePhotoThumbnailKey(input.baseId, photo.key)).catch(() => undefined);
  }
  return saved;
}

/**
 * The stored file of a base photo, if the viewer may see it (anyone while the base is in the public
 * register, else only its managers): the thumbnail when asked and made, else the original. Null: not found.
 */
export async function findBasePhoto(deps: { db: Database; files: FileStore }, viewer: ManagerViewer | null, baseId: string, key: string, size: 'thumb' | 'full') {
  const [base] = await deps.db.select({ id: schema.bases.id, status: schema.bases.status, photos: schema.bases.photos }).from(schema.bases).where(eq(schema.bases.id, baseId));
  if (!base || !base.photos.some((p) => p.key === key)) return null;
  const isPublic = (PUBLIC_BASE_STATUSES as readonly string[]).includes(base.status);
  if (!isPublic) {
    if (!viewer) return null;
    try {
      await loadManagedBase(deps.db, viewer, base.id);
    } catch {
      return null;
    }
  }
  if (size === 'thumb') {
    const bytes = await deps.files.size(basePhotoThumbnailKey(base.id, key));
    if (bytes !== null) return { storageKey: basePhotoThumbnailKey(base.id, key), contentType: 'image/jpeg', bytes, isPublic, isThumbnail: true };
  }
  const bytes = await deps.files.size(basePhotoKey(base.id, key));
  if (bytes === null) return null;
  return { storageKey: basePhotoKey(base.id, key), contentType: key.endsWith('.png') ? 'image/png' : 'image/jpeg', bytes, isPublic, isThumbnail: false };
}
