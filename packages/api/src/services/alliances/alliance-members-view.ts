import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { districtName } from '@ssb/domain/districts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const mentor = alias(schema.bases, 'mentor_base');

const ROLE_ORDER = { lead: 0, founding: 1, member: 2, mentored: 3, observer: 4 } as const;

/** An alliance's member rows with the unit's name, its base (if named) and district; `active` only unless asked. */
export async function listAllianceMembers(db: DbOrTx, allianceIds: string[], opts: { activeOnly: boolean }) {
  if (allianceIds.length === 0) return [];
  const rows = await db
    .select({
      id: schema.allianceMembers.id,
      allianceId: schema.allianceMembers.allianceId,
      organizationId: schema.allianceMembers.organizationId,
      organizationName: schema.organizations.name,
      baseId: schema.allianceMembers.baseId,
      baseName: schema.bases.name,
      baseStatus: schema.bases.status,
      role: schema.allianceMembers.role,
      status: schema.allianceMembers.status,
      reason: schema.allianceMembers.reason,
      mentorBaseId: schema.allianceMembers.mentorBaseId,
      mentorBaseName: mentor.name,
      targetBatchYear: schema.allianceMembers.targetBatchYear,
      joinedAt: schema.allianceMembers.joinedAt,
      updatedAt: schema.allianceMembers.updatedAt,
      districtCode: schema.organizations.districtCode,
      baseDistrictCode: schema.bases.districtCode,
    })
    .from(schema.allianceMembers)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.allianceMembers.organizationId))
    .leftJoin(schema.bases, eq(schema.bases.id, schema.allianceMembers.baseId))
    .leftJoin(mentor, eq(mentor.id, schema.allianceMembers.mentorBaseId))
    .where(and(inArray(schema.allianceMembers.allianceId, allianceIds), opts.activeOnly ? eq(schema.allianceMembers.status, 'active') : undefined))
    .orderBy(asc(schema.allianceMembers.createdAt));
  return rows
    .map(({ baseDistrictCode, districtCode, ...m }) => {
      const code = baseDistrictCode ?? districtCode ?? '';
      return { ...m, name: m.baseName ?? m.organizationName, districtCode: code, districtName: code ? districtName(code) : '' };
    })
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}
