import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { schema, type Database, type DbOrTx } from '@ssb/db';
import { EVENT_REPORT_LIMITS } from '@ssb/domain/event-report';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import type { FileStore } from '@ssb/storage';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { userError } from '../errors.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { checkResourceImage } from '../resources/resource-media.ts';
import { storeThumbnail, type ThumbnailLog } from '../resources/resource-thumbnails.ts';

export const reportPhotoStorageKey = (eventId: string, key: string) => `event-reports/${eventId}/${key}`;
/** A photo's thumbnail, beside it: `<uuid>.jpg` → `<uuid>-thumb.jpg` (JPEG ≤ 480 px wide, as for resource images). */
export const reportThumbStorageKey = (eventId: string, key: string) => `event-reports/${eventId}/${key.replace(/\.[a-z0-9]+$/i, '')}-thumb.jpg`;
const NO_REPORT = '请先由主办方保存活动报告，再添加照片';
const NOT_YOURS = '活动不存在或您无权管理';

/**
 * Which side of an event the viewer stands on: a manager of the host base, or of a base that accepted to
 * co-host it (who adds and removes only its own photos). Anyone else is refused as if the event did not exist.
 */
export async function reportSideOf(db: DbOrTx, viewer: ManagerViewer, eventId: string) {
  const orgs = viewer.grants.filter((g) => g.role === 'base_manager').map((g) => g.organizationId);
  const [event] = await db.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, eventId));
  if (!event || orgs.length === 0) throw userError('NOT_FOUND', NOT_YOURS);
  const [host] = await db.select({ id: schema.bases.id }).from(schema.bases).where(and(eq(schema.bases.id, event.baseId), inArray(schema.bases.organizationId, orgs)));
  if (host) return { event, baseId: host.id, isHost: true };
  const cohosts = await db
    .select({ id: schema.bases.id })
    .from(schema.eventCohosts)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.eventCohosts.baseId))
    .where(and(eq(schema.eventCohosts.eventId, event.id), eq(schema.eventCohosts.status, 'accepted'), inArray(schema.bases.organizationId, orgs)));
  if (cohosts.length === 0) throw userError('NOT_FOUND', NOT_YOURS);
  return { event, baseId: cohosts[0]!.id, isHost: false, cohostBaseIds: cohosts.map((c) => c.id) };
}

/**
 * A photo of the report, from the host or an accepted co-host (marked with the base that sent it): sniffed
 * and size-checked like a resource's images, kept only as a copy without EXIF/XMP (GPS, camera), with a
 * thumbnail beside it for the public pages (if ffmpeg cannot make one, the original is shown instead).
 */
export async function attachReportPhoto(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { eventId: string; name: string; tempPath: string }, log?: ThumbnailLog) {
  const { event, baseId } = await reportSideOf(deps.db, viewer, input.eventId);
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
  let hasThumb: boolean;
  try {
    // The thumbnail first: putFile may move the file into the store.
    hasThumb = await storeThumbnail(deps.files, reportThumbStorageKey(event.id, key), stripped, log, { eventId: event.id, key });
    await deps.files.putFile(reportPhotoStorageKey(event.id, key), stripped);
  } finally {
    await rm(stripped, { force: true });
  }
  const name = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'photo';
  const photo = { key, name, baseId, ...(hasThumb ? { thumbKey: reportThumbStorageKey(event.id, key) } : {}) };
  const [saved] = await deps.db
    .update(schema.eventReports)
    .set({ photos: sql`${schema.eventReports.photos} || ${JSON.stringify([photo])}::jsonb`, version: sql`${schema.eventReports.version} + 1` })
    .where(and(eq(schema.eventReports.eventId, event.id), sql`jsonb_array_length(${schema.eventReports.photos}) < ${EVENT_REPORT_LIMITS.photosMax}`))
    .returning();
  if (!saved) {
    await deleteStoredPhoto(deps.files, event.id, key);
    throw userError('BAD_REQUEST', `每份报告最多 ${EVENT_REPORT_LIMITS.photosMax} 张照片`);
  }
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'event_report.photo_add', entityType: 'base_event', entityId: event.id, data: photo });
  return saved;
}

const deleteStoredPhoto = async (files: FileStore, eventId: string, key: string) => {
  await files.delete(reportPhotoStorageKey(eventId, key)).catch(() => undefined);
  await files.delete(reportThumbStorageKey(eventId, key)).catch(() => undefined);
};

/** The host removes any photo of its report; a co-host only those it added. */
export async function removeReportPhoto(deps: { db: Database; files: FileStore }, viewer: ManagerViewer, input: { eventId: string; key: string }) {
  const side = await reportSideOf(deps.db, viewer, input.eventId);
  const saved = await deps.db.transaction(async (tx) => {
    const [report] = await tx.select().from(schema.eventReports).where(eq(schema.eventReports.eventId, side.event.id)).for('update');
    const photo = report?.photos.find((p) => p.key === input.key);
    if (!report || !photo) throw userError('NOT_FOUND', '照片不存在');
    if (!side.isHost && !(photo.baseId && side.cohostBaseIds?.includes(photo.baseId))) throw userError('FORBIDDEN', '联合主办方只能删除本方添加的照片');
    const [row] = await tx
      .update(schema.eventReports)
      .set({ photos: report.photos.filter((p) => p.key !== input.key), version: sql`${schema.eventReports.version} + 1` })
      .where(eq(schema.eventReports.eventId, side.event.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'event_report.photo_remove', entityType: 'base_event', entityId: side.event.id, data: { key: input.key } });
    return row!;
  });
  await deleteStoredPhoto(deps.files, side.event.id, input.key);
  return saved;
}

const OFFICE_ROLES = new Set(['office', 'sysadmin']);

/** Whether a filed report is public: its event published (not a draft, not cancelled) by a base in the register. */
async function isReportPublic(db: DbOrTx, eventId: string) {
  const [row] = await db
    .select({ id: schema.baseEvents.id })
    .from(schema.baseEvents)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
    .where(and(eq(schema.baseEvents.id, eventId), eq(schema.baseEvents.status, 'published'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])));
  return Boolean(row);
}

/**
 * A report photo's storage keys, if the viewer may see it: anyone once the report is public (its event
 * published by a base in the register), otherwise the host's and accepted co-hosts' managers and the office.
 * Null means "not found".
 */
export async function findReportPhoto(db: Database, viewer: ManagerViewer | null, eventId: string, key: string) {
  const [report] = await db.select({ photos: schema.eventReports.photos }).from(schema.eventReports).where(eq(schema.eventReports.eventId, eventId));
  const photo = report?.photos.find((p) => p.key === key);
  if (!photo) return null;
  const isPublic = await isReportPublic(db, eventId);
  if (!isPublic) {
    if (!viewer) return null;
    if (!viewer.grants.some((g) => OFFICE_ROLES.has(g.role))) {
      try {
        await reportSideOf(db, viewer, eventId);
      } catch {
        return null;
      }
    }
  }
  return {
    storageKey: reportPhotoStorageKey(eventId, key),
    thumbnailKey: photo.thumbKey ?? null,
    contentType: key.endsWith('.png') ? 'image/png' : 'image/jpeg',
    isPublic,
  };
}
