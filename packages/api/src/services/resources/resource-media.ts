import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { sniffFormat } from '@ssb/domain/media-sniff';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { RESOURCE_MEDIA_LIMITS, RESOURCE_MEDIA_MESSAGES, RESOURCE_VIDEO_LIMITS, type ResourceMediaItem } from '@ssb/domain/shared-resources';
import type { FileStore } from '@ssb/storage';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { storeResourceThumbnail, thumbnailStorageKey, type ThumbnailLog } from './resource-thumbnails.ts';

export const storageKey = (resourceId: string, key: string) => `resources/${resourceId}/${key}`;
const CONFLICT = '该资源已被他人或在其他页面修改，请刷新后重试';
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', ...RESOURCE_VIDEO_LIMITS.formats };

async function readHead(path: string) {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, 16, 0);
    const { size } = await handle.stat();
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

/** Checks a received file on its bytes; returns the format or a Chinese refusal. */
export async function checkResourceImage(path: string): Promise<{ ok: true; format: string } | { ok: false; message: string }> {
  const { head, size } = await readHead(path);
  if (size === 0) return { ok: false, message: RESOURCE_MEDIA_MESSAGES.empty };
  if (size > RESOURCE_MEDIA_LIMITS.maxBytes) return { ok: false, message: RESOURCE_MEDIA_MESSAGES.tooLarge };
  const format = sniffFormat(head);
  if (!(format in RESOURCE_MEDIA_LIMITS.formats)) return { ok: false, message: RESOURCE_MEDIA_MESSAGES.wrongFormat };
  return { ok: true, format };
}

export async function saveMedia(tx: DbOrTx, viewer: ManagerViewer, resourceId: string, version: number, media: ResourceMediaItem[], audit: { action: string; data: Record<string, unknown> }) {
  const [saved] = await tx
    .update(schema.resources)
    .set({ media, version: sql`${schema.resources.version} + 1`, updatedAt: new Date() })
    .where(and(eq(schema.resources.id, resourceId), eq(schema.resources.version, version)))
    .returning({ id: schema.resources.id, version: schema.resources.version, media: schema.resources.media });
  if (!saved) throw userError('CONFLICT', CONFLICT);
  await queueSearchUpdate(tx, 'resource', resourceId);
  await appendAudit(tx, { actorUserId: viewer.userId, action: audit.action, entityType: 'resource', entityId: resourceId, data: audit.data });
  return saved;
}

/** The resource, if the viewer manages its base; `forUpdate` holds its row until the transaction ends. */
export async function loadOwned(tx: DbOrTx, viewer: ManagerViewer, resourceId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(schema.resources).where(eq(schema.resources.id, resourceId));
  const [resource] = options.forUpdate ? await query.for('update') : await query;
  if (!resource) throw userError('NOT_FOUND', '未找到该资源');
  await loadManagedBase(tx, viewer, resource.baseId);
  return resource;
}

/**
 * Adds one checked image (already on local disk at tempPath) to the end of a resource's gallery,
 * with a thumbnail beside it for cards and tiles (if ffmpeg cannot make one, `log` hears why and
 * the original is served in its place).
 */
export async function attachResourceImage(
  deps: { db: Database; files: FileStore; log?: ThumbnailLog },
  viewer: ManagerViewer,
  input: { resourceId: string; version: number; name: string; tempPath: string },
) {
  const resource = await loadOwned(deps.db, viewer, input.resourceId);
  if (resource.version !== input.version) throw userError('CONFLICT', CONFLICT);
  if (resource.media.filter((m) => m.kind === 'image').length >= RESOURCE_MEDIA_LIMITS.maxImages) throw userError('BAD_REQUEST', RESOURCE_MEDIA_MESSAGES.tooMany);
  const check = await checkResourceImage(input.tempPath);
  if (!check.ok) throw userError('BAD_REQUEST', check.message);
  const key = `${randomUUID()}.${check.format === 'jpeg' ? 'jpg' : 'png'}`;
  // Shown publicly: only a copy without EXIF, XMP, IPTC or text chunks is kept.
  const stripped = await stripToSibling(input.tempPath, check.format).catch(async () => {
    await rm(`${input.tempPath}-stripped`, { force: true });
    throw userError('BAD_REQUEST', UPLOAD_MESSAGES.unreadableImage);
  });
  try {
    await storeResourceThumbnail(deps.files, resource.id, key, stripped, deps.log);
    await deps.files.putFile(storageKey(resource.id, key), stripped);
  } finally {
    await rm(stripped, { force: true });
  }
  const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'image';
  try {
    return await deps.db.transaction(async (tx) => {
      const current = await loadOwned(tx, viewer, input.resourceId);
      if (current.media.filter((m) => m.kind === 'image').length >= RESOURCE_MEDIA_LIMITS.maxImages) throw userError('BAD_REQUEST', RESOURCE_MEDIA_MESSAGES.tooMany);
      return saveMedia(tx, viewer, current.id, input.version, [...current.media, { key, kind: 'image', name }], { action: 'resource.media.add', data: { key, name } });
    });
  } catch (error) {
    await deps.files.delete(storageKey(resource.id, key)).catch(() => undefined);
    await deps.files.delete(thumbnailStorageKey(resource.id, key)).catch(() => undefined);
    throw error;
  }
}

/** Reorders or removes images and videos: `keys` is the new list, a subset of the current one. */
export async function arrangeResourceMedia(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { resourceId: string; version: number; keys: string[] }) {
  const { saved, removed } = await deps.db.transaction(async (tx) => {
    const resource = await loadOwned(tx, viewer, input.resourceId);
    const byKey = new Map(resource.media.map((m) => [m.key, m]));
    if (new Set(input.keys).size !== input.keys.length || input.keys.some((k) => !byKey.has(k))) throw userError('CONFLICT', CONFLICT);
    const removed = resource.media.filter((m) => !input.keys.includes(m.key));
    const saved = await saveMedia(tx, viewer, resource.id, input.version, input.keys.map((k) => byKey.get(k)!), {
      action: removed.length ? 'resource.media.remove' : 'resource.media.reorder',
      data: { keys: input.keys, removed: removed.map((m) => m.key) },
    });
    return { saved, removed };
  });
  for (const item of removed) {
    await deps.files.delete(storageKey(input.resourceId, item.key)).catch(() => undefined);
    if (item.kind === 'image') await deps.files.delete(thumbnailStorageKey(input.resourceId, item.key)).catch(() => undefined);
  }
  return saved;
}

/**
 * Where a resource's image or video is stored, if the viewer may see it: anyone when the resource
 * is published by a public base; otherwise only the managers of its base. Null means "not found".
 */
export async function findResourceMedia(db: Database, viewer: ManagerViewer | null, resourceId: string, key: string) {
  const [row] = await db
    .select({ baseId: schema.resources.baseId, status: schema.resources.status, media: schema.resources.media, baseStatus: schema.bases.status })
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(eq(schema.resources.id, resourceId));
  const item = row?.media.find((m) => m.key === key);
  if (!row || !item) return null;
  const isPublic = row.status === 'published' && (PUBLIC_BASE_STATUSES as readonly string[]).includes(row.baseStatus);
  if (!isPublic) {
    if (!viewer) return null;
    try {
      await loadManagedBase(db, viewer, row.baseId);
    } catch {
      return null;
    }
  }
  const ext = key.split('.').pop() ?? '';
  return {
    storageKey: storageKey(resourceId, key),
    thumbnailKey: item.kind === 'image' ? thumbnailStorageKey(resourceId, key) : null,
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    kind: item.kind,
    isPublic,
  };
}

