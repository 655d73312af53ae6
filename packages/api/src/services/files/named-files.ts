import { createHash } from 'node:crypto';
import { schema, type DbOrTx } from '@ssb/db';
import type { FileStore } from '@ssb/storage';
import { reportPhotoStorageKey } from '../event-reports/report-photos.ts';
import { storageKey } from '../resources/resource-media.ts';

/** A file the database points to, with the size and sha256 it recorded when it has them. */
export type NamedFile = { key: string; what: string; bytes?: number; sha256?: string };

/**
 * Every stored file a row names: materials (the original with its size and hash, and the stripped copy),
 * the shared resources' images and videos, activity reports' photos, and funding applications' attachments and evidence. Thumbnails are left out: they are made again on demand.
 */
export async function* filesTheDatabaseNames(db: DbOrTx): AsyncGenerator<NamedFile> {
  const materials = await db
    .select({ id: schema.materials.id, storageKey: schema.materials.storageKey, strippedStorageKey: schema.materials.strippedStorageKey, bytes: schema.materials.bytes, sha256: schema.materials.sha256 })
    .from(schema.materials);
  for (const m of materials) {
    yield { key: m.storageKey, what: `material ${m.id}`, bytes: m.bytes, sha256: m.sha256 };
    if (m.strippedStorageKey) yield { key: m.strippedStorageKey, what: `material ${m.id} (stripped copy)` };
  }
  const resources = await db.select({ id: schema.resources.id, media: schema.resources.media }).from(schema.resources);
  for (const r of resources) {
    for (const item of r.media) yield { key: storageKey(r.id, item.key), what: `resource ${r.id} ${item.kind}`, bytes: item.bytes, sha256: item.sha256 };
  }
  const reports = await db.select({ eventId: schema.eventReports.eventId, photos: schema.eventReports.photos }).from(schema.eventReports);
  for (const report of reports) {
    for (const photo of report.photos) yield { key: reportPhotoStorageKey(report.eventId, photo.key), what: `activity report of event ${report.eventId} photo` };
  }
  const fundingFiles = await db
    .select({ id: schema.fundingReportFiles.id, applicationId: schema.fundingReportFiles.applicationId, storageKey: schema.fundingReportFiles.storageKey, bytes: schema.fundingReportFiles.bytes, sha256: schema.fundingReportFiles.sha256 })
    .from(schema.fundingReportFiles);
  for (const f of fundingFiles) yield { key: f.storageKey, what: `funding application ${f.applicationId} file ${f.id}`, bytes: f.bytes, sha256: f.sha256 };
}

/** The sha256 of a stored file, read as a stream (flat memory whatever its size). */
export async function storedSha256(files: FileStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await files.read(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type FileProblem = { key: string; what: string; problem: 'missing' | 'size' | 'sha256'; expected?: string | number; found?: string | number };

/** Checks that every file the database names exists in the store, with its recorded size and hash. */
export async function verifyNamedFiles(db: DbOrTx, files: FileStore, onProgress?: (checked: number) => void) {
  const problems: FileProblem[] = [];
  let checked = 0;
  for await (const file of filesTheDatabaseNames(db)) {
    checked += 1;
    onProgress?.(checked);
    const size = await files.size(file.key);
    if (size === null) {
      problems.push({ key: file.key, what: file.what, problem: 'missing' });
      continue;
    }
    if (file.bytes !== undefined && size !== file.bytes) {
      problems.push({ key: file.key, what: file.what, problem: 'size', expected: file.bytes, found: size });
      continue;
    }
    if (file.sha256) {
      const found = await storedSha256(files, file.key);
      if (found !== file.sha256) problems.push({ key: file.key, what: file.what, problem: 'sha256', expected: file.sha256, found });
    }
  }
  return { checked, problems };
}
