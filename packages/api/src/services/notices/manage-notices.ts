import { isNoticeScheduled, noticeActions } from '@ssb/domain/public-notice';
import { schema, type DbOrTx } from '@ssb/db';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { noticeEntries } from './notice-entries.ts';

const { publicNotices, objections, selectionDecisions } = schema;
type Actor = { userId: string };
export type NoticeDraftInput = { title: string; body: string; startsAt: Date; endsAt: Date };

function checkPeriod(input: { startsAt: Date; endsAt: Date }) {
  if (input.endsAt <= input.startsAt) throw userError('BAD_REQUEST', '公示结束时间须晚于开始时间');
}

async function loadNotice(db: DbOrTx, noticeId: string) {
  const notice = await db.query.publicNotices.findFirst({ where: eq(publicNotices.id, noticeId) });
  if (!notice) throw userError('NOT_FOUND', '公示不存在');
  return notice;
}

export async function createNotice(db: DbOrTx, actor: Actor, input: NoticeDraftInput & { campaignId: string }) {
  checkPeriod(input);
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  return db.transaction(async (tx) => {
    const [notice] = await tx.insert(publicNotices).values({ campaignId: input.campaignId, title: input.title, body: input.body, startsAt: input.startsAt, endsAt: input.endsAt }).returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: 'notice.create', entityType: 'public_notice', entityId: notice!.id, data: { title: input.title } });
    return notice!;
  });
}

/** Only a draft may be edited: once published, what the public read stays as it was. */
export async function updateNotice(db: DbOrTx, actor: Actor, input: NoticeDraftInput & { noticeId: string }) {
  checkPeriod(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(publicNotices)
      .set({ title: input.title, body: input.body, startsAt: input.startsAt, endsAt: input.endsAt })
      .where(and(eq(publicNotices.id, input.noticeId), eq(publicNotices.status, 'draft')))
      .returning();
    if (!row) throw userError('CONFLICT', '只有草稿状态的公示可以修改');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'notice.update', entityType: 'public_notice', entityId: row.id, data: { title: input.title } });
    return row;
  });
}

/**
 * Publishing freezes the list: the nominations shortlisted (拟命名) at this moment. A period that
 * should already have begun begins now, since nobody could read the list or object before; a period
 * starting later makes the notice scheduled (待开始): the public sees it from its start.
 */
export async function publishNotice(db: DbOrTx, actor: Actor, input: { noticeId: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const notice = await loadNotice(tx, input.noticeId);
    if (notice.status !== 'draft') throw userError('CONFLICT', '该公示已发布，不能重复发布');
    if (notice.endsAt <= now) throw userError('BAD_REQUEST', '公示结束时间已过，请先修改公示期');
    const shortlisted = await tx
      .select({ applicationId: selectionDecisions.applicationId })
      .from(selectionDecisions)
      .where(and(eq(selectionDecisions.campaignId, notice.campaignId), eq(selectionDecisions.outcome, 'shortlisted')))
      .orderBy(asc(selectionDecisions.decidedAt), asc(selectionDecisions.applicationId));
    if (shortlisted.length === 0) throw userError('BAD_REQUEST', '拟命名名单为空，请先在“评选决定”中确定拟命名的申报');
    const entries = await noticeEntries(tx, shortlisted.map((s) => s.applicationId));
    // The public reads the list by district, then name.
    entries.sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.baseName.localeCompare(b.baseName, 'zh-Hans-CN'));
    const applicationIds = entries.map((e) => e.applicationId);
    const startsAt = notice.startsAt < now ? now : notice.startsAt;
    const [row] = await tx
      .update(publicNotices)
      .set({ status: 'published', applicationIds, publishedAt: now, publishedBy: actor.userId, startsAt })
      .where(and(eq(publicNotices.id, notice.id), eq(publicNotices.status, 'draft')))
      .returning();
    if (!row) throw userError('CONFLICT', '该公示刚刚被他人发布，请刷新');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'notice.publish', entityType: 'public_notice', entityId: notice.id, data: { applicationIds, startsAt, endsAt: notice.endsAt } });
    return row;
  });
}

/** Closing ends a notice whose period is over; the period itself is never cut short. */
export async function closeNotice(db: DbOrTx, actor: Actor, input: { noticeId: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const notice = await loadNotice(tx, input.noticeId);
    if (notice.status !== 'published') throw userError('CONFLICT', '只有已发布的公示可以结束');
    if (notice.endsAt > now) throw userError('CONFLICT', '公示期尚未结束，不能提前结束公示');
    await tx.update(publicNotices).set({ status: 'closed' }).where(eq(publicNotices.id, notice.id));
    await appendAudit(tx, { actorUserId: actor.userId, action: 'notice.close', entityType: 'public_notice', entityId: notice.id });
    return { ok: true };
  });
}

export async function listNotices(db: DbOrTx, input: { campaignId: string }) {
  const open = db
    .select({ noticeId: objections.noticeId, total: sql<number>`count(*)::int`.as('total'), open: sql<number>`(count(*) filter (where ${objections.status} = 'open'))::int`.as('open') })
    .from(objections)
    .groupBy(objections.noticeId)
    .as('counts');
  const rows = await db
    .select({ notice: publicNotices, objections: open.total, openObjections: open.open })
    .from(publicNotices)
    .leftJoin(open, eq(open.noticeId, publicNotices.id))
    .where(eq(publicNotices.campaignId, input.campaignId))
    .orderBy(desc(publicNotices.createdAt));
  const [shortlisted] = await db
    .select({ n: count() })
    .from(selectionDecisions)
    .where(and(eq(selectionDecisions.campaignId, input.campaignId), eq(selectionDecisions.outcome, 'shortlisted')));
  return {
    shortlisted: shortlisted?.n ?? 0,
    items: rows.map((r) => ({ ...r.notice, entries: r.notice.applicationIds.length, objections: r.objections ?? 0, openObjections: r.openObjections ?? 0, actions: noticeActions(r.notice), isScheduled: isNoticeScheduled(r.notice) })),
  };
}

/** The office's view of one notice: its list and every objection with the filer's contact details. */
export async function getNoticeForOffice(db: DbOrTx, input: { noticeId: string }) {
  const notice = await loadNotice(db, input.noticeId);
  const entries = await noticeEntries(db, notice.applicationIds);
  const filed = await db.query.objections.findMany({ where: eq(objections.noticeId, notice.id), orderBy: [asc(objections.filedAt)] });
  const nameOf = new Map(entries.map((e) => [e.applicationId, e.baseName]));
  return { ...notice, entries, objections: filed.map((o) => ({ ...o, baseName: nameOf.get(o.applicationId) ?? '' })) };
}
