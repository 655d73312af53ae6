import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { allianceMemberActionsFor } from '@ssb/domain/alliances';
import { and, asc, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { listAllianceMembers } from './alliance-members-view.ts';
import type { CoordinatorViewer } from './coordinated-alliance.ts';
import { allianceYearTotals } from './public-alliances.ts';

/** The alliances the viewer coordinates. */
export async function listCoordinatedAlliances(db: DbOrTx, viewer: CoordinatorViewer) {
  return db
    .select({ id: schema.alliances.id, name: schema.alliances.name, kind: schema.alliances.kind, status: schema.alliances.status })
    .from(schema.alliances)
    .where(eq(schema.alliances.coordinatorUserId, viewer.userId))
    .orderBy(asc(schema.alliances.name));
}

/** One coordinated alliance: every member row with its moves, charter versions, and who may be invited. */
export async function getCoordinatedAlliance(db: DbOrTx, viewer: CoordinatorViewer, allianceId: string) {
  const alliance = await db.query.alliances.findFirst({ where: and(eq(schema.alliances.id, allianceId), eq(schema.alliances.coordinatorUserId, viewer.userId)) });
  if (!alliance) throw userError('FORBIDDEN', '您不是该联盟的协调人');
  const [members, charters, totals] = await Promise.all([
    listAllianceMembers(db, [alliance.id], { activeOnly: false }),
    db.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, alliance.id)).orderBy(desc(schema.allianceCharters.version)),
    allianceYearTotals(db, alliance.id),
  ]);
  const taken = members.filter((m) => ['active', 'invited', 'requested'].includes(m.status)).map((m) => m.organizationId);
  const invitableBases = await db
    .select({ id: schema.bases.id, name: schema.bases.name, districtCode: schema.bases.districtCode })
    .from(schema.bases)
    .where(and(inArray(schema.bases.status, ['active', 'rectification']), taken.length ? notInArray(schema.bases.organizationId, taken) : undefined))
    .orderBy(asc(schema.bases.name));
  // Mentored units: organizations that are not named bases (and not the office's or recommenders').
  const unnamed = await db
    .select({ id: schema.organizations.id, name: schema.organizations.name })
    .from(schema.organizations)
    .leftJoin(schema.bases, eq(schema.bases.organizationId, schema.organizations.id))
    .where(and(isNull(schema.bases.id), inArray(schema.organizations.type, ['museum', 'research_institute', 'school', 'university', 'enterprise', 'other']), taken.length ? notInArray(schema.organizations.id, taken) : undefined))
    .orderBy(asc(schema.organizations.name))
    .limit(200);
  // Managers of active member bases: to whom the coordinator's work may be handed.
  const memberOrgs = members.filter((m) => m.status === 'active' && m.baseId && ['lead', 'founding', 'member'].includes(m.role)).map((m) => m.organizationId);
  const managers = memberOrgs.length
    ? await db
        .selectDistinct({ userId: schema.users.id, name: schema.users.name, organizationId: schema.memberships.organizationId })
        .from(schema.memberships)
        .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
        .where(and(eq(schema.memberships.role, 'base_manager'), inArray(schema.memberships.organizationId, memberOrgs), eq(schema.users.status, 'active')))
    : [];
  return {
    id: alliance.id,
    name: alliance.name,
    kind: alliance.kind,
    status: alliance.status,
    districtCodes: alliance.districtCodes,
    theme: alliance.theme,
    leadBaseId: alliance.leadBaseId,
    members: members.map((m) => ({ ...m, actions: allianceMemberActionsFor(m, { isCoordinator: true, managesUnit: false }, alliance.status) })),
    charters,
    totals,
    invitableBases,
    invitableUnits: unnamed,
    handOverTo: managers,
  };
}
