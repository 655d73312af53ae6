import { ALLIANCE_KINDS, ALLIANCE_MEMBER_ROLES, ALLIANCE_MEMBER_STATUSES, ALLIANCE_STATUSES } from '@ssb/domain/alliances';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bases } from './bases.ts';
import { organizations } from './organizations.ts';

/** Regional or thematic alliances of bases (区域联盟), proposed by a base manager and approved by the office. */
export const alliances = pgTable(
  'alliances',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text({ enum: ALLIANCE_KINDS }).notNull(),
    /** Districts a regional alliance covers (codes); empty for a thematic one. */
    districtCodes: jsonb().$type<string[]>().notNull().default([]),
    /** What a thematic alliance is about: a scientist, a field. */
    theme: text().notNull().default(''),
    leadBaseId: uuid()
      .notNull()
      .references(() => bases.id),
    status: text({ enum: ALLIANCE_STATUSES }).notNull().default('founders_pending'),
    returnReason: text(),
    proposedBy: uuid()
      .notNull()
      .references(() => users.id),
    /** The alliance's coordinator (holds the `alliance_coordinator` role); the proposer once approved. */
    coordinatorUserId: uuid().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alliances_status_idx').on(t.status), index('alliances_coordinator_idx').on(t.coordinatorUserId)],
);

/** The charter (倡议/章程), kept as numbered versions: a new text is a new row, never an update. */
export const allianceCharters = pgTable(
  'alliance_charters',
  {
    allianceId: uuid()
      .notNull()
      .references(() => alliances.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    /** Sanitised HTML (allow-list), as for resources. */
    bodyHtml: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.version] })],
);

/**
 * A unit's place in an alliance. A named base carries its `baseId`; a mentored unit is an organization
 * that is not (yet) a named base, with the base that mentors it and the batch year it aims for.
 */
export const allianceMembers = pgTable(
  'alliance_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    allianceId: uuid()
      .notNull()
      .references(() => alliances.id, { onDelete: 'cascade' }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    baseId: uuid().references(() => bases.id),
    role: text({ enum: ALLIANCE_MEMBER_ROLES }).notNull(),
    status: text({ enum: ALLIANCE_MEMBER_STATUSES }).notNull(),
    mentorBaseId: uuid().references(() => bases.id),
    targetBatchYear: integer(),
    /** Why a request was refused, a member removed, or a standing changed (e.g. the base was revoked). */
    reason: text(),
    invitedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    joinedAt: timestamp({ withTimezone: true }),
    leftAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alliance_members_unit_uq').on(t.allianceId, t.organizationId),
    index('alliance_members_org_idx').on(t.organizationId),
    index('alliance_members_base_idx').on(t.baseId).where(sql`base_id is not null`),
  ],
);
