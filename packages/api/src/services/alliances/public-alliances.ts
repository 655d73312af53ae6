import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { PUBLIC_BASE_STATUSES } from '../base-profile/public-bases.ts';
import { userError } from '../errors.ts';
import { listAllianceMembers } from './alliance-members-view.ts';

const JOINT_ACTION_LIMIT = 20;
const RESOURCE_LIMIT = 24;

/** The approved alliances, with how many members each has, for the platform's list. */
export async function listPublicAlliances(db: DbOrTx) {
  const rows = await db
    .select({
      id: schema.alliances.id,
      name: schema.alliances.name,
      kind: schema.alliances.kind,
      districtCodes: schema.alliances.districtCodes,
      theme: schema.alliances.theme,
      leadBaseId: schema.alliances.leadBaseId,
      leadBaseName: schema.bases.name,
      isDemo: schema.alliances.isDemo,
      memberCount: sql<number>`(select count(*)::int from alliance_members m where m.alliance_id = ${schema.alliances.id} and m.status = 'active')`,
    })
    .from(schema.alliances)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.alliances.leadBaseId))
    .where(eq(schema.alliances.status, 'approved'))
    .orderBy(asc(schema.alliances.name));
  return rows;
}

/** The approved alliances a base belongs to (active member), for its public page (所属联盟). */
export async function listAlliancesOfBase(db: DbOrTx, baseId: string) {
  return db
    .select({ id: schema.alliances.id, name: schema.alliances.name, kind: schema.alliances.kind, role: schema.allianceMembers.role })
    .from(schema.allianceMembers)
    .innerJoin(schema.alliances, eq(schema.alliances.id, schema.allianceMembers.allianceId))
    .where(and(eq(schema.allianceMembers.baseId, baseId), eq(schema.allianceMembers.status, 'active'), eq(schema.alliances.status, 'approved')))
    .orderBy(asc(schema.alliances.name));
}

/** The latest charter version of an alliance. */
export async function latestCharter(db: DbOrTx, allianceId: string) {
  const [row] = await db.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, allianceId)).orderBy(desc(schema.allianceCharters.version)).limit(1);
  return row ?? null;
}

/** Joint actions: public events the alliance hosts (published or cancelled), upcoming soonest first or past latest first. */
export async function listJointActions(db: DbOrTx, allianceId: string, when: 'upcoming' | 'past', now = new Date()) {
  return db
    .select({
      id: schema.baseEvents.id,
      title: schema.baseEvents.title,
      kind: schema.baseEvents.kind,
      startsAt: schema.baseEvents.startsAt,
      endsAt: schema.baseEvents.endsAt,
      place: schema.baseEvents.place,
      status: schema.baseEvents.status,
      baseId: schema.baseEvents.baseId,
      baseName: schema.bases.name,
      attendance: schema.eventReports.attendance,
    })
    .from(schema.baseEvents)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
    .leftJoin(schema.eventReports, eq(schema.eventReports.eventId, schema.baseEvents.id))
    .where(and(eq(schema.baseEvents.allianceId, allianceId), ne(schema.baseEvents.status, 'draft'), when === 'upcoming' ? gte(schema.baseEvents.endsAt, now) : lt(schema.baseEvents.endsAt, now)))
    .orderBy(when === 'upcoming' ? asc(schema.baseEvents.startsAt) : desc(schema.baseEvents.startsAt))
    .limit(JOINT_ACTION_LIMIT);
}

/** This Beijing year's joint actions held (published, over) and the people they reached (filed reports; 0 without). */
export async function allianceYearTotals(db: DbOrTx, allianceId: string, now = new Date()) {
  const year = Number(beijingToday(now).slice(0, 4));
  const yearStart = new Date(`${year}-01-01T00:00:00+08:00`);
  const [row] = await db
    .select({ eventsHeld: count(schema.baseEvents.id), peopleReached: sql<number>`coalesce(sum(${schema.eventReports.attendance}), 0)::int` })
    .from(schema.baseEvents)
    .leftJoin(schema.eventReports, eq(schema.eventReports.eventId, schema.baseEvents.id))
    .where(and(eq(schema.baseEvents.allianceId, allianceId), eq(schema.baseEvents.status, 'published'), gte(schema.baseEvents.startsAt, yearStart), lt(schema.baseEvents.endsAt, now)));
  return { year, eventsHeld: Number(row?.eventsHeld ?? 0), peopleReached: Number(row?.peopleReached ?? 0) };
}

/** Published resources of the member bases (lendable ones first), shown on the alliance page. */
async function listMemberResources(db: DbOrTx, baseIds: string[]) {
  if (baseIds.length === 0) return [];
  return db
    .select({ id: schema.resources.id, title: schema.resources.title, type: schema.resources.type, lendable: schema.resources.lendable, baseId: schema.resources.baseId, baseName: schema.bases.name })
    .from(schema.resources)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
    .where(and(inArray(schema.resources.baseId, baseIds), eq(schema.resources.status, 'published'), inArray(schema.bases.status, [...PUBLIC_BASE_STATUSES])))
    .orderBy(desc(schema.resources.lendable), desc(schema.resources.publishedAt))
    .limit(RESOURCE_LIMIT);
}

/** Everything the platform's alliance page shows; only approved alliances are public. */
export async function getPublicAlliance(db: DbOrTx, allianceId: string, now = new Date()) {
  const alliance = await db.query.alliances.findFirst({ where: and(eq(schema.alliances.id, allianceId), eq(schema.alliances.status, 'approved')) });
  if (!alliance) throw userError('NOT_FOUND', '未找到该联盟');
  const members = (await listAllianceMembers(db, [alliance.id], { activeOnly: true })).map((m) => ({
    id: m.id,
    name: m.name,
    role: m.role,
    baseId: m.baseId,
    districtCode: m.districtCode,
    districtName: m.districtName,
    mentorBaseName: m.mentorBaseName,
    targetBatchYear: m.targetBatchYear,
  }));
  const memberBaseIds = members.flatMap((m) => (m.baseId && m.role !== 'observer' ? [m.baseId] : []));
  const [charter, upcoming, past, resources, totals] = await Promise.all([
    latestCharter(db, alliance.id),
    listJointActions(db, alliance.id, 'upcoming', now),
    listJointActions(db, alliance.id, 'past', now),
    listMemberResources(db, memberBaseIds),
    allianceYearTotals(db, alliance.id, now),
  ]);
  return {
    id: alliance.id,
    name: alliance.name,
    kind: alliance.kind,
    districtCodes: alliance.districtCodes,
    theme: alliance.theme,
    leadBaseId: alliance.leadBaseId,
    isDemo: alliance.isDemo,
    approvedAt: alliance.decidedAt,
    charter: charter ? { version: charter.version, bodyHtml: charter.bodyHtml, createdAt: charter.createdAt } : null,
    members,
    jointActions: { upcoming, past },
    resources,
    totals,
  };
}

/** Open data: approved alliances with their active members. */
export async function listOpenAlliances(db: DbOrTx) {
  const alliances = await db
    .select({ id: schema.alliances.id, name: schema.alliances.name, kind: schema.alliances.kind, leadBaseId: schema.alliances.leadBaseId, districtCodes: schema.alliances.districtCodes, theme: schema.alliances.theme, isDemo: schema.alliances.isDemo })
    .from(schema.alliances)
    .where(and(eq(schema.alliances.status, 'approved'), isNotNull(schema.alliances.leadBaseId)))
    .orderBy(asc(schema.alliances.name));
  const members = await listAllianceMembers(db, alliances.map((a) => a.id), { activeOnly: true });
  return {
    items: alliances.map((a) => ({
      ...a,
      members: members.filter((m) => m.allianceId === a.id).map((m) => ({ organizationId: m.organizationId, baseId: m.baseId, role: m.role })),
    })),
  };
}
