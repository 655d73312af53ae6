import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { idleUploads, isUploadRecorded, releaseUpload } from '@ssb/api';
import type { Database } from '@ssb/db';
import { UPLOAD_IDLE_EXPIRY_MS } from '@ssb/domain/upload-limits';

/** What tus leaves for one upload: its bytes, its record, and the stripped copy a finish may be writing. */
const filesOf = (directory: string, id: string) => [id, `${id}.json`, `${id}-stripped`].map((name) => join(directory, name));
const TUS_FILE = /^([0-9a-f]{32})(\.json|-stripped)?$/;

const lastWrite = async (path: string) => (await stat(path).catch(() => null))?.mtimeMs ?? 0;

/**
 * Deletes unfinished uploads idle for UPLOAD_IDLE_EXPIRY_MS: their partial bytes, their tus record
 * and their row, so they neither fill the disk nor keep counting against a limit. An upload still
 * receiving one long request is alive however old its row (its file keeps changing). Files left
 * from before uploads were recorded go by the same rule.
 */
export async function sweepIdleUploads(db: Database, directory: string, now = Date.now()) {
  const cutoff = now - UPLOAD_IDLE_EXPIRY_MS;
  const removed: string[] = [];
  for (const { id } of await idleUploads(db, new Date(cutoff))) {
    if ((await lastWrite(join(directory, id))) >= cutoff) continue;
    for (const path of filesOf(directory, id)) await rm(path, { force: true });
    await releaseUpload(db, id);
    removed.push(id);
  }
  const names = await readdir(directory).catch(() => [] as string[]);
  const unrecorded = new Set(names.map((name) => TUS_FILE.exec(name)?.[1]).filter((id): id is string => Boolean(id)));
  for (const id of unrecorded) {
    if (removed.includes(id) || (await isUploadRecorded(db, id))) continue;
    const newest = Math.max(...(await Promise.all(filesOf(directory, id).map(lastWrite))));
    if (newest >= cutoff) continue;
    for (const path of filesOf(directory, id)) await rm(path, { force: true });
    removed.push(id);
  }
  return removed;
}
