import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { ACTIVITY_CAMPAIGN_MESSAGES } from '@ssb/domain/activity-campaigns';
import { mayFileReport } from '@ssb/domain/event-report';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appendAudit } from '../audit/append.ts';
import { listManagedBases, loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';
import { loadMyEvent } from './load-my-event.ts';

const c = schema.eventCohosts;

/** The host invites another named, active base to co-host; its managers are told in the portal and by mail. */
export async function inviteCohost(db: Database, viewer: ManagerViewer, input: { eventId: string; baseId: string }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const { event, base: host } = await loadMyEvent(tx, viewer, input.eventId);
    if (event.status === 'cancelled') throw userError('BAD_REQUEST', '已取消的活动不能再邀请联合主办方');
    if (input.baseId === host.id) throw userError('BAD_REQUEST', '主办基地不能邀请自己作为联合主办方');
    const [guest] = await tx.select().from(schema.bases).where(and(eq(schema.bases.id, input.baseId), eq(schema.bases.status, 'active')));
    if (!guest) throw userError('NOT_FOUND', '未找到该基地，或其已不在名录中');
    // A joint action (an alliance's event) takes its co-hosts from the alliance's active member bases only.
    if (event.allianceId) {
      const m = schema.allianceMembers;
      const [member] = await tx.select({ id: m.id }).from(m).where(and(eq(m.allianceId, event.allianceId), eq(m.baseId, guest.id), eq(m.status, 'active'), inArray(m.role, ['lead', 'founding', 'member'])));
      if (!member) throw userError('BAD_REQUEST', ACTIVITY_CAMPAIGN_MESSAGES.jointActionMembersOnly);
    }
    const [invited] = await tx.insert(c).values({ eventId: event.id, baseId: guest.id }).onConflictDoNothing().returning();
    if (!invited) throw userError('CONFLICT', '已邀请过该基地');
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'event.cohost.invite', entityType: 'base_event', entityId: event.id, data: { baseId: guest.id } });
    const managers = await usersOf(tx, guest.organizationId, ['base_manager']);
    await notifyUsers(tx, managers, { title: '联合主办邀请', body: `${host.name}邀请贵基地联合主办活动“${event.title}”，请在活动管理中接受或谢绝。`, link: '/portal/events/cohosting' }, publicUrl);
    return invited;
  });
}

/**
 * A co-host's manager accepts or declines (a decline says why); only accepted co-hosts are shown to the
 * public. The host's managers — and, for a joint action, the alliance's coordinator — are told either way.
 */
export async function respondCohost(db: Database, viewer: ManagerViewer, input: { eventId: string; baseId: string; accept: boolean; reason?: string }, publicUrl = '', now = new Date()) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const [row] = await tx.select().from(c).where(and(eq(c.eventId, input.eventId), eq(c.baseId, base.id)));
    if (!row) throw userError('NOT_FOUND', '未找到该联合主办邀请');
    if (row.status !== 'invited') throw userError('CONFLICT', '该邀请已答复过');
    const reason = (input.reason ?? '').trim();
    if (!input.accept && reason.length < 2) throw userError('BAD_REQUEST', ACTIVITY_CAMPAIGN_MESSAGES.cohostDeclineReason);
    const status = input.accept ? 'accepted' : 'declined';
    const [saved] = await tx
      .update(c)
      .set({ status, respondedBy: viewer.userId, respondedAt: now, declineReason: input.accept ? null : reason })
      .where(and(eq(c.eventId, row.eventId), eq(c.baseId, base.id), eq(c.status, 'invited')))
      .returning();
    if (!saved) throw userError('CONFLICT', '该邀请已答复过');
    await appendAudit(tx, { actorUserId: viewer.userId, action: `event.cohost.${status}`, entityType: 'base_event', entityId: row.eventId, data: input.accept ? { baseId: base.id } : { baseId: base.id, reason } });
    await notifyHostOfAnswer(tx, { eventId: row.eventId, guestName: base.name, accept: input.accept, reason }, publicUrl);
    return saved;
  });
}

async function notifyHostOfAnswer(tx: DbOrTx, answer: { eventId: string; guestName: string; accept: boolean; reason: string }, publicUrl: string) {
  const [event] = await tx
    .select({ id: schema.baseEvents.id, title: schema.baseEvents.title, organizationId: schema.bases.organizationId, allianceId: schema.baseEvents.allianceId, coordinatorUserId: schema.alliances.coordinatorUserId })
    .from(schema.baseEvents)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
    .leftJoin(schema.alliances, eq(schema.alliances.id, schema.baseEvents.allianceId))
    .where(eq(schema.baseEvents.id, answer.eventId));
  if (!event) return;
  const recipients = new Map((await usersOf(tx, event.organizationId, ['base_manager'])).map((u) => [u.id, u]));
  if (event.coordinatorUserId && !recipients.has(event.coordinatorUserId)) {
    const [coordinator] = await tx.select({ id: schema.users.id, email: schema.users.email, name: schema.users.name }).from(schema.users).where(and(eq(schema.users.id, event.coordinatorUserId), eq(schema.users.status, 'active')));
    if (coordinator) recipients.set(coordinator.id, coordinator);
  }
  const notice = answer.accept
    ? { title: '联合主办邀请已接受', body: `${answer.guestName}已接受邀请，联合主办活动“${event.title}”。` }
    : { title: '联合主办邀请被谢绝', body: `${answer.guestName}谢绝了联合主办活动“${event.title}”的邀请。原因：${answer.reason}` };
  const link = event.allianceId ? `/portal/alliance-admin/${event.allianceId}/actions/${event.id}` : `/portal/events/${event.id}`;
  await notifyUsers(tx, [...recipients.values()], { ...notice, link }, publicUrl);
}

/** A co-host edits only its own part — its place and seats — never the host's fields. */
export async function updateCohostPart(db: Database, viewer: ManagerViewer, input: { eventId: string; baseId: string; place: string; seats: number | null }) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const [saved] = await tx
      .update(c)
      .set({ place: input.place, seats: input.seats })
      .where(and(eq(c.eventId, input.eventId), eq(c.baseId, base.id), eq(c.status, 'accepted')))
      .returning();
    if (!saved) throw userError('NOT_FOUND', '只有已接受邀请的联合主办方才能修改本方信息');
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'event.cohost.update', entityType: 'base_event', entityId: input.eventId, data: { baseId: base.id, place: input.place, seats: input.seats } });
    return saved;
  });
}

/** "Events I co-host": invitations and accepted co-hostings of the bases the viewer manages; `report` once the event is over. */
export async function listMyCohostings(db: DbOrTx, viewer: ManagerViewer, now = new Date()) {
  const bases = await listManagedBases(db, viewer);
  if (bases.length === 0) return [];
  const e = schema.baseEvents;
  const host = alias(schema.bases, 'host_base');
  return db
    .select({
      eventId: e.id,
      title: e.title,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      eventPlace: e.place,
      eventStatus: e.status,
      capacity: e.capacity,
      hostBaseId: e.baseId,
      hostBaseName: host.name,
      allianceName: schema.alliances.name,
      baseId: c.baseId,
      baseName: schema.bases.name,
      status: c.status,
      place: c.place,
      seats: c.seats,
      declineReason: c.declineReason,
      reportAttendance: c.reportAttendance,
      reportYoungPeople: c.reportYoungPeople,
      reportSummary: c.reportSummary,
      reportedAt: c.reportedAt,
    })
    .from(c)
    .innerJoin(e, eq(e.id, c.eventId))
    .innerJoin(host, eq(host.id, e.baseId))
    .innerJoin(schema.bases, eq(schema.bases.id, c.baseId))
    .leftJoin(schema.alliances, eq(schema.alliances.id, e.allianceId))
    .where(inArray(c.baseId, bases.map((b) => b.id)))
    .orderBy(asc(e.startsAt))
    .then((rows) => rows.map((r) => ({ ...r, actions: (r.status === 'accepted' && mayFileReport({ status: r.eventStatus, endsAt: r.endsAt }, now) ? ['report'] : []) as Array<'report'> })));
}

/** All co-hosts of an event, for its host's editor. */
export async function listEventCohosts(db: DbOrTx, viewer: ManagerViewer, eventId: string) {
  const { event } = await loadMyEvent(db, viewer, eventId);
  return db
    .select({ baseId: c.baseId, baseName: schema.bases.name, status: c.status, place: c.place, seats: c.seats, declineReason: c.declineReason, respondedAt: c.respondedAt })
    .from(c)
    .innerJoin(schema.bases, eq(schema.bases.id, c.baseId))
    .where(eq(c.eventId, event.id))
    .orderBy(asc(c.createdAt));
}

/** The accepted co-hosts of public events, by event id: all the public may see of co-hosting. */
export async function acceptedCohostsOf(db: DbOrTx, eventIds: string[]) {
  const byEvent = new Map<string, Array<{ baseId: string; baseName: string; place: string }>>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .select({ eventId: c.eventId, baseId: c.baseId, baseName: schema.bases.name, place: c.place })
    .from(c)
    .innerJoin(schema.bases, eq(schema.bases.id, c.baseId))
    .where(and(inArray(c.eventId, eventIds), eq(c.status, 'accepted')))
    .orderBy(asc(c.createdAt));
  for (const { eventId, ...cohost } of rows) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), cohost]);
  return byEvent;
}

/** Adds `cohosts` (accepted only) to each public event of a list. */
export async function withCohosts<T extends { id: string }>(db: DbOrTx, items: T[]) {
  const byEvent = await acceptedCohostsOf(db, items.map((i) => i.id));
  return items.map((item) => ({ ...item, cohosts: byEvent.get(item.id) ?? [] }));
}
