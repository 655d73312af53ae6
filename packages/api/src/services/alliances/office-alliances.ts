import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { allianceProposalActionsFor, type AllianceStatus } from '@ssb/domain/alliances';
import { and, desc, eq, sql } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { listAllianceMembers } from './alliance-members-view.ts';
import { allianceYearTotals } from './public-alliances.ts';

/** Joint actions per alliance: how many public events it hosts, and how many are over. */
const eventsCount = sql<number>`(select count(*)::int from base_events e where e.alliance_id = ${schema.alliances.id} and e.status <> 'draft')`;
const heldCount = sql<number>`(select count(*)::int from base_events e where e.alliance_id = ${schema.alliances.id} and e.status = 'published' and e.ends_at < now())`;

/** The office's list: every alliance (or one status), pending proposals first, with its activity. */
export async function listAlliancesForOffice(db: DbOrTx, input: { status?: AllianceStatus; page: number; pageSize: number }) {
  const where = input.status ? eq(schema.alliances.status, input.status) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: schema.alliances.id,
        name: schema.alliances.name,
        kind: schema.alliances.kind,
        status: schema.alliances.status,
        leadBaseName: schema.bases.name,
        submittedAt: schema.alliances.submittedAt,
        updatedAt: schema.alliances.updatedAt,
        isDemo: schema.alliances.isDemo,
        memberCount: sql<number>`(select count(*)::int from alliance_members m where m.alliance_id = ${schema.alliances.id} and m.status = 'active')`,
        eventsCount,
        heldCount,
      })
      .from(schema.alliances)
      .innerJoin(schema.bases, eq(schema.bases.id, schema.alliances.leadBaseId))
      .where(where)
      .orderBy(sql`case when ${schema.alliances.status} = 'submitted' then 0 else 1 end`, desc(schema.alliances.updatedAt))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(schema.alliances).where(where),
  ]);
  const [pending] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.alliances).where(eq(schema.alliances.status, 'submitted'));
  return { items: rows, total: total!.n, pendingCount: pending!.n, page: input.page, pageSize: input.pageSize };
}

/** One alliance for the office: the proposal, all member rows, charter versions, activity and the decisions open. */
export async function getAllianceForOffice(db: DbOrTx, allianceId: string) {
  const [row] = await db
    .select({ alliance: schema.alliances, leadBaseName: schema.bases.name, proposerName: schema.users.name, proposerEmail: schema.users.email })
    .from(schema.alliances)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.alliances.leadBaseId))
    .innerJoin(schema.users, eq(schema.users.id, schema.alliances.proposedBy))
    .where(eq(schema.alliances.id, allianceId));
  if (!row) throw userError('NOT_FOUND', '联盟不存在');
  const [members, charters, totals, [activity]] = await Promise.all([
    listAllianceMembers(db, [allianceId], { activeOnly: false }),
    db.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, allianceId)).orderBy(desc(schema.allianceCharters.version)),
    allianceYearTotals(db, allianceId),
    db.select({ eventsCount, heldCount }).from(schema.alliances).where(and(eq(schema.alliances.id, allianceId))),
  ]);
  return {
    ...row.alliance,
    leadBaseName: row.leadBaseName,
    proposerName: row.proposerName,
    proposerEmail: row.proposerEmail,
    members,
    charters,
    activity: { ...totals, eventsCount: activity?.eventsCount ?? 0, heldCount: activity?.heldCount ?? 0 },
    actions: allianceProposalActionsFor(row.alliance.status, { isOffice: true }),
  };
}
