import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { mayFileReport } from '@ssb/domain/event-report';
import type { EventStatus } from '@ssb/domain/events';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { listManagedBases, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { pageOffset, type TPage } from '../pagination.ts';
import { withActions } from './load-my-event.ts';

/** The events of the bases the viewer manages, latest start first, with the moves open to each. */
export async function listMyEvents(db: DbOrTx, viewer: ManagerViewer, input: TPage & { status?: EventStatus }) {
  const bases = await listManagedBases(db, viewer);
  const page = { total: 0, page: input.page, pageSize: input.pageSize, bases: bases.map((b) => ({ id: b.id, name: b.name })) };
  if (bases.length === 0) return { ...page, items: [] };
  const e = schema.baseEvents;
  const where = and(inArray(e.baseId, bases.map((b) => b.id)), input.status ? eq(e.status, input.status) : undefined);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(e).where(where);
  const rows = await db
    .select({ id: e.id, baseId: e.baseId, kind: e.kind, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, place: e.place, capacity: e.capacity, registrationEnabled: e.registrationEnabled, status: e.status, updatedAt: e.updatedAt, reportFiledAt: schema.eventReports.filedAt })
    .from(e)
    .leftJoin(schema.eventReports, eq(schema.eventReports.eventId, e.id))
    .where(where)
    .orderBy(desc(e.startsAt), desc(e.createdAt))
    .limit(input.pageSize)
    .offset(pageOffset(input));
  // 填写活动报告 once an event is over (the server decides; the page shows what it is told).
  return { ...page, total, items: rows.map((row) => ({ ...withActions(row), mayReport: mayFileReport(row) })) };
}
