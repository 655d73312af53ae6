import { ASSIGNMENT_STATUSES, INTAKE_STATUSES, OBJECTION_STATUSES, PUBLIC_NOTICE_STATUSES, REVIEW_ROUND_KINDS, REVIEW_ROUND_STATUSES, SELECTION_OUTCOMES, type ReviewCriterion } from '@ssb/domain/selection';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { applications } from './applications.ts';
import { campaigns } from './campaigns.ts';
import { organizations } from './organizations.ts';

/** The office's intake check (形式审查) of one nomination; one row per recommended application. */
export const intakeChecks = pgTable(
  'intake_checks',
  {
    applicationId: uuid()
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    status: text({ enum: INTAKE_STATUSES }).notNull().default('pending'),
    /** Checklist item key → ticked by the office. */
    checklist: jsonb().$type<Record<string, boolean>>().notNull().default({}),
    correctionNote: text(),
    /** The applicant must reply by then (Beijing time shown in the pages). */
    correctionDeadline: timestamp({ withTimezone: true }),
    correctionRepliedAt: timestamp({ withTimezone: true }),
    checkedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('intake_checks_status_idx').on(t.status)],
);

/** A paper copy received by the office, matched against the electronic form by its short code. */
export const paperReceipts = pgTable(
  'paper_receipts',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    /** The code read from the paper (typed or scanned from the QR). */
    code: text().notNull(),
    /** Whether the code is that of the electronic version current when the paper arrived. */
    matchesCurrent: boolean().notNull(),
    applicationVersion: integer().notNull(),
    receivedBy: uuid().references(() => users.id),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('paper_receipts_app_idx').on(t.applicationId, t.receivedAt)],
);

/** An expert in the office's pool; the expert acts through a user with the expert role. */
export const experts = pgTable('experts', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  /** The unit the expert works for: nominations from it, or recommended by it, are conflicts. */
  organizationId: uuid().references(() => organizations.id),
  title: text(),
  fields: jsonb().$type<string[]>().notNull().default([]),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    kind: text({ enum: REVIEW_ROUND_KINDS }).notNull(),
    status: text({ enum: REVIEW_ROUND_STATUSES }).notNull().default('draft'),
    /** Expert-facing data carries no applicant identity when set. */
    blind: boolean().notNull().default(false),
    criteria: jsonb().$type<ReviewCriterion[]>().notNull(),
    expertsPerApplication: integer().notNull().default(3),
    /** Scores this far apart (max − min of weighted totals) are flagged as a disagreement. */
    disagreementThreshold: doublePrecision().notNull().default(20),
    closesAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('review_rounds_one_kind').on(t.campaignId, t.kind)],
);

export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    expertUserId: uuid()
      .notNull()
      .references(() => users.id),
    status: text({ enum: ASSIGNMENT_STATUSES }).notNull().default('assigned'),
    /** Criterion key → score; kept while a draft so nothing typed is lost. */
    scores: jsonb().$type<Record<string, number>>().notNull().default({}),
    weightedTotal: doublePrecision(),
    comment: text(),
    version: integer().notNull().default(1),
    assignedBy: uuid().references(() => users.id),
    assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('review_assignments_once').on(t.roundId, t.applicationId, t.expertUserId),
    index('review_assignments_expert_idx').on(t.expertUserId, t.status),
  ],
);

/** A conflict of interest an expert declared; it removes the expert from the nomination. */
export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    expertUserId: uuid()
      .notNull()
      .references(() => users.id),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    reason: text().notNull(),
    declaredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('conflict_declarations_once').on(t.expertUserId, t.applicationId)],
);

/** The office's decision on a nomination: shortlisted for the public notice, then named or not. */
export const selectionDecisions = pgTable(
  'selection_decisions',
  {
    applicationId: uuid()
      .primaryKey()
      .references(() => applications.id),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    outcome: text({ enum: SELECTION_OUTCOMES }).notNull(),
    note: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('selection_decisions_campaign_idx').on(t.campaignId, t.outcome)],
);

/** 公示: the shortlist shown to the public for a period in which objections may be filed. */
export const publicNotices = pgTable('public_notices', {
  id: uuid().primaryKey().defaultRandom(),
  campaignId: uuid()
    .notNull()
    .references(() => campaigns.id),
  title: text().notNull(),
  body: text().notNull(),
  status: text({ enum: PUBLIC_NOTICE_STATUSES }).notNull().default('draft'),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  /** The applications listed, frozen when the notice is published. */
  applicationIds: jsonb().$type<string[]>().notNull().default([]),
  publishedBy: uuid().references(() => users.id),
  publishedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const objections = pgTable(
  'objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => publicNotices.id),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    /** Objections are filed under a real name (公示 practice); contact details go to the office only. */
    filerName: text().notNull(),
    filerPhone: text().notNull(),
    filerEmail: text(),
    body: text().notNull(),
    status: text({ enum: OBJECTION_STATUSES }).notNull().default('open'),
    answer: text(),
    answeredBy: uuid().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('objections_notice_idx').on(t.noticeId, t.status), index('objections_filed_idx').on(sql`${t.filedAt} desc`)],
);

export const reviewReminders = pgTable('review_reminders', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  roundId: uuid()
    .notNull()
    .references(() => reviewRounds.id, { onDelete: 'cascade' }),
  expertUserId: uuid()
    .notNull()
    .references(() => users.id),
  sentBy: uuid().references(() => users.id),
  sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
