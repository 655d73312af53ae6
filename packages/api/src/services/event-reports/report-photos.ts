import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { schema, type Database } from '@ssb/db';
import { EVENT_REPORT_LIMITS } from '@ssb/domain/event-report';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import type { FileStore } from '@ssb/storage';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadMyEvent } from '../events/load-my-event.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { checkResourceImage } from '../resources/resource-media.ts';

export const reportPhotoStorageKey = (eventId: string, key: string) => `event-reports/${eventId}/${key}`;
const NO_REPORT = '请先保存活动报告，再添加照片';

/**
 * A photo of the report: sniffed and size-checked like a resource's images, kept only as a copy
 * without EXIF/XMP (GPS, camera) — the same checks as everywhere an image is shown.
 */
export async function attachReportPhoto(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { eventId: string; name: string; tempPath: string }) {
  const { event } = await loadMyEvent(deps.db, viewer, input.eventId);
  const [report] = await deps.db.select().from(schema.eventReports).where(eq(schema.eventReports.eventId, event.id));
  if (!report) throw userError('BAD_REQUEST', NO_REPORT);
  if (report.photos.length >= EVENT_REPORT_LIMITS.photosMax) throw userError('BAD_REQUEST', `每份报告最多 ${EVENT_REPORT_LIMITS.photosMax} 张照片`);
  const check = await checkResourceImage(input.tempPath);
  if (!check.ok) throw userError('BAD_REQUEST', check.message);
  const key = `${randomUUID()}.${check.format === 'jpeg' ? 'jpg' : 'png'}`;
  const stripped = await stripToSibling(input.tempPath, check.format).catch(async () => {
    await rm(`${input.tempPath}-stripped`, { force: true });
    throw userError('BAD_REQUEST', UPLOAD_MESSAGES.unreadableImage);
  });
  try {
    await deps.files.putFile(reportPhotoStorageKey(event.id, key), stripped);
  } finally {
    await rm(stripped, { force: true });
  }
  const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'photo';
  const photo = { key, name };
  const [saved] = await deps.db
    .update(schema.eventReports)
    .set({ photos: sql`${schema.eventReports.photos} || ${JSON.stringify([photo])}::jsonb`, version: sql`${schema.eventReports.version} + 1` })
    .where(and(eq(schema.eventReports.eventId, event.id), sql`jsonb_array_length(${schema.eventReports.photos}) < ${EVENT_REPORT_LIMITS.photosMax}`))
    .returning();
  if (!saved) {
    await deps.files.delete(reportPhotoStorageKey(event.id, key)).catch(() => undefined);
    throw userError('BAD_REQUEST', `每份报告最多 ${EVENT_REPORT_LIMITS.photosMax} 张照片`);
  }
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'event_report.photo_add', entityType: 'base_event', entityId: event.id, data: photo });
  return saved;
}

export async function removeReportPhoto(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { eventId: string; key: string }) {
  const { event } = await loadMyEvent(deps.db, viewer, input.eventId);
  const saved = await deps.db.transaction(async (tx) => {
    const [report] = await tx.select().from(schema.eventReports).where(eq(schema.eventReports.eventId, event.id)).for('update');
    if (!report?.photos.some((p) => p.key === input.key)) throw userError('NOT_FOUND', '照片不存在');
    const [row] = await tx
      .update(schema.eventReports)
      .set({ photos: report.photos.filter((p) => p.key !== input.key), version: sql`${schema.eventReports.version} + 1` })
      .where(eq(schema.eventReports.eventId, event.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'event_report.photo_remove', entityType: 'base_event', entityId: event.id, data: { key: input.key } });
    return row!;
  });
  await deps.files.delete(reportPhotoStorageKey(event.id, input.key)).catch(() => undefined);
  return saved;
}

const OFFICE_ROLES = new Set(['office', 'sysadmin']);

/** A report photo's storage key, if the viewer may see it: the host's managers and the office. Null means "not found". */
export async function findReportPhoto(db: Database, viewer: ManagerViewer | null, eventId: string, key: string) {
  if (!viewer) return null;
  if (!viewer.grants.some((g) => OFFICE_ROLES.has(g.role))) {
    try {
      await loadMyEvent(db, viewer, eventId);
    } catch {
      return null;
    }
  }
  const [report] = await db.select({ photos: schema.eventReports.photos }).from(schema.eventReports).where(eq(schema.eventReports.eventId, eventId));
  const photo = report?.photos.find((p) => p.key === key);
  return photo ? { storageKey: reportPhotoStorageKey(eventId, key), contentType: key.endsWith('.png') ? 'image/png' : 'image/jpeg' } : null;
}
