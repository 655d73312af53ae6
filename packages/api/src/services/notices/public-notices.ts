import { schema, type DbOrTx } from '@ssb/db';
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import { isNoticeOpenForObjections } from '@ssb/domain/public-notice';
import { userError } from '../errors.ts';
import { noticeEntries } from './notice-entries.ts';

const { publicNotices } = schema;

export { isNoticeOpenForObjections };

/** What the public may read: published or closed notices whose period has begun (a scheduled one stays hidden until then). */
const isPublicAt = (now: Date) => and(inArray(publicNotices.status, ['published', 'closed']), lte(publicNotices.startsAt, now));

/** Published and past notices, newest first, as anyone may read them. */
export async function listPublicNotices(db: DbOrTx, now = new Date()) {
  const rows = await db
    .select({ id: publicNotices.id, title: publicNotices.title, status: publicNotices.status, startsAt: publicNotices.startsAt, endsAt: publicNotices.endsAt, publishedAt: publicNotices.publishedAt, applicationIds: publicNotices.applicationIds })
    .from(publicNotices)
    .where(isPublicAt(now))
    .orderBy(desc(publicNotices.publishedAt))
    .limit(50);
  return rows.map(({ applicationIds, ...r }) => ({ ...r, entries: applicationIds.length, isOpen: isNoticeOpenForObjections(r, now) }));
}

export async function getPublicNotice(db: DbOrTx, input: { noticeId: string }, now = new Date()) {
  const notice = await db.query.publicNotices.findFirst({ where: and(eq(publicNotices.id, input.noticeId), isPublicAt(now)) });
  if (!notice) throw userError('NOT_FOUND', '公示不存在或尚未发布');
  const entries = await noticeEntries(db, notice.applicationIds);
  return {
    id: notice.id,
    title: notice.title,
    body: notice.body,
    status: notice.status,
    startsAt: notice.startsAt,
    endsAt: notice.endsAt,
    publishedAt: notice.publishedAt,
    isOpen: isNoticeOpenForObjections(notice, now),
    serverTime: now,
    entries: entries.map(({ applicationId, baseName, hostUnit, category, districtName }) => ({ applicationId, baseName, hostUnit, category, districtName })),
  };
}
