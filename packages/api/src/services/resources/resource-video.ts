import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import type { Database, DbOrTx } from '@ssb/db';
import { RESOURCE_VIDEO_LIMITS, RESOURCE_VIDEO_MESSAGES, type ResourceMediaItem } from '@ssb/domain/shared-resources';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { checkResourceVideo } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { DomainError } from '@ssb/domain/errors';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { sha256Of } from '../materials/register-material.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { lockKey, releaseUpload, reserveUpload } from '../materials/uploads-in-flight.ts';
import { loadOwned, saveMedia, storageKey } from './resource-media.ts';

/** A video refused on its bytes: every reason, in the words of RESOURCE_VIDEO_MESSAGES. */
export class ResourceVideoRefusedError extends DomainError {
  constructor(readonly errors: string[]) {
    super('BAD_REQUEST', errors.join('；'));
  }
}

const countVideos = (media: ResourceMediaItem[]) => media.filter((m) => m.kind === 'video').length;

/**
 * Before any byte is sent (and when an upload is resumed): the viewer manages the resource's base
 * and the resource has room for one more video of the declared size.
 */
export async function assertMayAddResourceVideo(db: DbOrTx, viewer: ManagerViewer, input: { resourceId: string; bytes?: number }) {
  const resource = await loadOwned(db, viewer, input.resourceId);
  if (countVideos(resource.media) >= RESOURCE_VIDEO_LIMITS.maxVideos) throw userError('BAD_REQUEST', RESOURCE_VIDEO_MESSAGES.tooMany);
  if (input.bytes !== undefined && input.bytes > RESOURCE_VIDEO_LIMITS.maxBytes) throw new ResourceVideoRefusedError([RESOURCE_VIDEO_MESSAGES.tooLarge(input.bytes)]);
  return resource;
}

/** What a resource video upload counts against. */
export const resourceVideoOwnerKey = (resourceId: string) => `resource:${resourceId}:video`;

/**
 * A new resumable upload of a resource video: the viewer manages the resource, and its videos plus
 * its unfinished video uploads leave room for one more (see reserveUpload).
 */
export async function beginResourceVideoUpload(db: Database, viewer: ManagerViewer, input: { uploadId: string; resourceId: string; declaredBytes: number }) {
  await assertMayAddResourceVideo(db, viewer, { resourceId: input.resourceId, bytes: input.declaredBytes });
  await reserveUpload(db, {
    id: input.uploadId,
    userId: viewer.userId,
    target: 'resource-video',
    ownerKey: resourceVideoOwnerKey(input.resourceId),
    declaredBytes: input.declaredBytes,
    maxCount: RESOURCE_VIDEO_LIMITS.maxVideos,
    tooMany: RESOURCE_VIDEO_MESSAGES.tooMany,
    countStored: async (tx) => countVideos((await loadOwned(tx, viewer, input.resourceId)).media),
  });
}

/** Later requests of an upload (offset, next chunk, cancel): rights only; room is checked again at the end. */
export async function assertMayContinueResourceVideo(db: DbOrTx, viewer: ManagerViewer, input: { resourceId: string }) {
  await loadOwned(db, viewer, input.resourceId);
}

/**
 * A finished upload (on local disk at tempPath) becomes the resource's last video when its bytes
 * pass the checks (a copy without its tags is kept, and its sha256 and size are listed); otherwise
 * it is removed and the reasons are thrown. It is appended to the list
 * as it is now rather than against the version the editor saw: a long upload must not be lost
 * because the text was saved meanwhile. The new version is returned for the editor.
 */
export async function attachResourceVideo(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { resourceId: string; name: string; tempPath: string; uploadId?: string }) {
  try {
    await assertMayAddResourceVideo(deps.db, viewer, input);
    const check = await checkResourceVideo(input.tempPath);
    if (!check.ok) throw new ResourceVideoRefusedError(check.errors);
    // Shown publicly: only a copy without container or stream tags (titles, authors, places) is kept.
    const stripped = await stripToSibling(input.tempPath, check.format).catch(() => {
      throw new ResourceVideoRefusedError([UPLOAD_MESSAGES.unreadableVideo]);
    });
    const sha256 = await sha256Of(stripped);
    const { size } = await stat(stripped);
    const key = `${randomUUID()}.${check.format}`;
    const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'video';
    const item: ResourceMediaItem = { key, kind: 'video', name, bytes: size, sha256, durationSeconds: check.durationSeconds, width: check.width, height: check.height };
    await deps.files.putFile(storageKey(input.resourceId, key), stripped);
    try {
      return await deps.db.transaction(async (tx) => {
        await lockKey(tx, resourceVideoOwnerKey(input.resourceId));
        const current = await loadOwned(tx, viewer, input.resourceId, { forUpdate: true });
        if (countVideos(current.media) >= RESOURCE_VIDEO_LIMITS.maxVideos) throw userError('BAD_REQUEST', RESOURCE_VIDEO_MESSAGES.tooMany);
        const saved = await saveMedia(tx, viewer, current.id, current.version, [...current.media, item], {
          action: 'resource.media.add',
          data: { key, name, kind: 'video', sha256, bytes: size },
        });
        if (input.uploadId) await releaseUpload(tx, input.uploadId);
        return saved;
      });
    } catch (error) {
      await deps.files.delete(storageKey(input.resourceId, key)).catch(() => undefined);
      throw error;
    }
  } finally {
    await rm(input.tempPath, { force: true });
    await rm(`${input.tempPath}-stripped`, { force: true });
  }
}
