import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { allianceMemberActionsFor, allianceProposalActionsFor } from '@ssb/domain/alliances';
import { and, asc, eq, inArray, notInArray, or } from 'drizzle-orm';
import { listManagedBases, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { listAllianceMembers } from './alliance-members-view.ts';
import { latestCharter } from './public-alliances.ts';
import { managedOrganizationIds } from './alliance-rows.ts';

/**
 * 我的联盟 for a base manager: the alliances their units are on the list of (any status) or that they
 * proposed, each with their own rows and the moves open to them; and approved alliances they may ask to join.
 */
export async function listMyAlliances(db: DbOrTx, viewer: ManagerViewer) {
  const orgs = managedOrganizationIds(viewer);
  const bases = await listManagedBases(db, viewer);
  const own = orgs.length ? await db.select({ allianceId: schema.allianceMembers.allianceId }).from(schema.allianceMembers).where(inArray(schema.allianceMembers.organizationId, orgs)) : [];
  const ids = [...new Set(own.map((o) => o.allianceId))];
  const alliances = await db
    .select()
    .from(schema.alliances)
    .where(or(eq(schema.alliances.proposedBy, viewer.userId), ids.length ? inArray(schema.alliances.id, ids) : undefined))
    .orderBy(asc(schema.alliances.createdAt));
  const members = await listAllianceMembers(db, alliances.map((a) => a.id), { activeOnly: false });
  const items = [];
  for (const alliance of alliances) {
    const rows = members.filter((m) => m.allianceId === alliance.id);
    const mine = rows.filter((m) => orgs.includes(m.organizationId));
    const awaitsFoundingAnswer = mine.some((m) => m.role === 'founding' && m.status === 'invited');
    const isCoordinator = alliance.coordinatorUserId === viewer.userId;
    items.push({
      id: alliance.id,
      name: alliance.name,
      kind: alliance.kind,
      status: alliance.status,
      districtCodes: alliance.districtCodes,
      theme: alliance.theme,
      leadBaseId: alliance.leadBaseId,
      returnReason: alliance.returnReason,
      version: alliance.version,
      isProposer: alliance.proposedBy === viewer.userId,
      isCoordinator,
      charter: alliance.proposedBy === viewer.userId ? await latestCharter(db, alliance.id) : null,
      actions: allianceProposalActionsFor(alliance.status, { isProposer: alliance.proposedBy === viewer.userId, awaitsFoundingAnswer }),
      members: rows
        .filter((m) => m.status === 'active' || orgs.includes(m.organizationId) || alliance.status !== 'approved')
        .map((m) => ({ ...m, isMine: orgs.includes(m.organizationId), actions: orgs.includes(m.organizationId) ? allianceMemberActionsFor(m, { isCoordinator: false, managesUnit: true }, alliance.status) : [] })),
    });
  }
  const joinable = bases.length
    ? await db
        .select({ id: schema.alliances.id, name: schema.alliances.name, kind: schema.alliances.kind })
        .from(schema.alliances)
        .where(and(eq(schema.alliances.status, 'approved')))
        .orderBy(asc(schema.alliances.name))
    : [];
  const inAlready = new Set(alliances.filter((a) => members.some((m) => m.allianceId === a.id && orgs.includes(m.organizationId) && ['active', 'invited', 'requested'].includes(m.status))).map((a) => a.id));
  // Bases that may be asked to found an alliance: named, in good standing, not the viewer's own.
  const candidateBases = bases.length
    ? await db
        .select({ id: schema.bases.id, name: schema.bases.name, districtCode: schema.bases.districtCode })
        .from(schema.bases)
        .where(and(inArray(schema.bases.status, ['active', 'rectification']), notInArray(schema.bases.organizationId, orgs)))
        .orderBy(asc(schema.bases.name))
    : [];
  return {
    bases: bases.map((b) => ({ id: b.id, name: b.name, status: b.status })),
    candidateBases,
    alliances: items,
    joinable: joinable.filter((a) => !inAlready.has(a.id)),
  };
}
