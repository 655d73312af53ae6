import { schema, type DbOrTx } from '@ssb/db';
import { and, asc, count, eq, ilike, inArray, ne, notExists, or, type SQL } from 'drizzle-orm';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { pageOffset } from '../pagination.ts';
import { loadMyEvent } from './load-my-event.ts';

export type CohostSearch = { q?: string; page: number; pageSize: number };

const { bases, eventCohosts: c, allianceMembers: m, districts } = schema;

/**
 * The bases an event may still invite to co-host, searched on the server by name or register number and
 * paged: active named bases other than the host and not yet invited; for a joint action only the
 * alliance's active member bases (the same rule `inviteCohost` holds to).
 */
export async function searchCohostCandidates(db: DbOrTx, event: { id: string; baseId: string; allianceId: string | null }, search: CohostSearch) {
  const where: SQL[] = [
    eq(bases.status, 'active'),
    ne(bases.id, event.baseId),
    notExists(db.select({ one: c.baseId }).from(c).where(and(eq(c.eventId, event.id), eq(c.baseId, bases.id)))),
  ];
  if (event.allianceId) {
    where.push(inArray(bases.id, db.select({ id: m.baseId }).from(m).where(and(eq(m.allianceId, event.allianceId), eq(m.status, 'active'), inArray(m.role, ['lead', 'founding', 'member'])))));
  }
  const q = search.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(ilike(bases.name, like), ilike(bases.number, like))!);
  }
  const condition = and(...where);
  const [items, [total]] = await Promise.all([
    db
      .select({ id: bases.id, name: bases.name, number: bases.number, districtCode: bases.districtCode, districtName: districts.name, districtNameEn: districts.nameEn })
      .from(bases)
      .innerJoin(districts, eq(districts.code, bases.districtCode))
      .where(condition)
      .orderBy(asc(bases.name), asc(bases.id))
      .limit(search.pageSize)
      .offset(pageOffset(search)),
    db.select({ n: count() }).from(bases).where(condition),
  ]);
  return { items, total: Number(total?.n ?? 0), page: search.page, pageSize: search.pageSize };
}

/** For the host's managers: candidates for one of their events. */
export async function cohostCandidatesForHost(db: DbOrTx, viewer: ManagerViewer, input: CohostSearch & { eventId: string }) {
  const { event } = await loadMyEvent(db, viewer, input.eventId);
  return searchCohostCandidates(db, event, input);
}
