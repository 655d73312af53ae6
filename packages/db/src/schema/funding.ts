import {
  BUDGET_CHANGE_KINDS, BUDGET_CHANGE_STATUSES, FUNDING_CALL_STATUSES, FUNDING_KINDS, FUNDING_STATUSES, LEDGER_KINDS,
  type BudgetLine, type FundingKind, type FundingTargets,
} from '@ssb/domain/funding';
import { EVALUATION_OUTCOMES } from '@ssb/domain/evaluation';
import type { ReviewCriterion } from '@ssb/domain/selection';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { alliances } from './alliances.ts';
import { bases } from './bases.ts';
import { organizations } from './organizations.ts';

/** Amounts are integer fen (分), as bigint read as JS numbers (≤ MAX_FEN keeps them safe integers). */
const fen = () => bigint({ mode: 'number' });

/** A call for special activity funding (专项申报通知): its pool, window, categories and criteria. */
export const fundingCalls = pgTable(
  'funding_calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    year: integer().notNull(),
    description: text().notNull().default(''),
    poolFen: fen().notNull(),
    maxPerProjectFen: fen().notNull(),
    kinds: jsonb().$type<FundingKind[]>().notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: FUNDING_CALL_STATUSES }).notNull().default('draft'),
    allowAlliances: boolean().notNull().default(true),
    categories: jsonb().$type<string[]>().notNull(),
    requiredAttachments: jsonb().$type<string[]>().notNull().default([]),
    criteria: jsonb().$type<ReviewCriterion[]>().notNull(),
    changeThresholdPercent: integer().notNull().default(10),
    reportDueDays: integer().notNull().default(30),
    /** How an award is paid: percentages in order (the first on the agreement, the last after acceptance); they sum to 100. */
    tranchePercents: jsonb().$type<number[]>().notNull().default([70, 30]),
    /** The lowest latest evaluation outcome an applying base may hold (e.g. 合格); null asks none. */
    minOutcome: text({ enum: EVALUATION_OUTCOMES }),
    /** When eligible bases were told of the call (once, on publishing). */
    notifiedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_calls_year_idx').on(t.year), check('funding_calls_pool_ck', sql`${t.poolFen} > 0 and ${t.maxPerProjectFen} > 0 and ${t.maxPerProjectFen} <= ${t.poolFen}`)],
);

/** The call's working group (专项工作组): users holding `funding_reviewer`. */
export const fundingGroupMembers = pgTable(
  'funding_group_members',
  {
    callId: uuid()
      .notNull()
      .references(() => fundingCalls.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.userId] }), index('funding_group_members_user_idx').on(t.userId)],
);

/** An application and, once approved, its grant: one row moving through `FUNDING_STATUSES`. */
export const fundingApplications = pgTable(
  'funding_applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => fundingCalls.id),
    /** The applying base (for an alliance: its lead base) and that base's organization. */
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    allianceId: uuid().references(() => alliances.id),
    status: text({ enum: FUNDING_STATUSES }).notNull().default('draft'),
    kind: text({ enum: FUNDING_KINDS }).notNull(),
    title: text().notNull().default(''),
    aims: text().notNull().default(''),
    audiences: text().notNull().default(''),
    startDate: date(),
    endDate: date(),
    milestones: jsonb().$type<{ date: string; title: string }[]>().notNull().default([]),
    targets: jsonb().$type<FundingTargets>().notNull().default({ events: 0, people: 0, youth: 0, newMedia: 0 }),
    coFundingFen: fen().notNull().default(0),
    coFundingSource: text().notNull().default(''),
    /** Σ of the requested budget lines (revision 0), kept with them. */
    requestedFen: fen().notNull().default(0),
    awardFen: fen(),
    /** The budget revision in force (0 = as requested; 1 = as approved; then each approved change). */
    budgetRevision: integer().notNull().default(0),
    reportDueOn: date(),
    reportReturnDeadline: date(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    closedAt: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funding_applications_call_idx').on(t.callId, t.status),
    index('funding_applications_org_idx').on(t.organizationId),
    check('funding_applications_award_ck', sql`${t.awardFen} is null or (${t.awardFen} > 0 and ${t.awardFen} <= ${t.requestedFen})`),
  ],
);

/** Budget lines per revision; `key` stays the same across revisions so reports compare line by line. */
export const fundingBudgetLines = pgTable(
  'funding_budget_lines',
  {
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    key: text().notNull(),
    position: integer().notNull(),
    category: text().notNull(),
    item: text().notNull(),
    quantity: integer().notNull(),
    unitPriceFen: fen().notNull(),
    amountFen: fen().notNull(),
    justification: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.revision, t.key] }), check('funding_budget_lines_amount_ck', sql`${t.amountFen} >= 0 and ${t.amountFen} = ${t.quantity} * ${t.unitPriceFen}`)],
);

/** Other named bases joining a joint action applied for by an alliance. */
export const fundingCoApplicants = pgTable(
  'funding_co_applicants',
  {
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.baseId] }), index('funding_co_applicants_org_idx').on(t.organizationId)],
);

/** A working-group member's review of one application: scores, proposed amount, line cuts, opinion. */
export const fundingReviews = pgTable(
  'funding_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id),
    status: text({ enum: ['assigned', 'submitted', 'withdrawn'] }).notNull().default('assigned'),
    scores: jsonb().$type<Record<string, number>>().notNull().default({}),
    total: doublePrecision(),
    proposedFen: fen(),
    lineCuts: jsonb().$type<Record<string, number>>().notNull().default({}),
    opinion: text().notNull().default(''),
    assignedBy: uuid().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('funding_reviews_one_uq').on(t.applicationId, t.reviewerId), index('funding_reviews_reviewer_idx').on(t.reviewerId, t.status)],
);

/** Conflicts declared by a member (found ones are computed from the data each time). */
export const fundingConflicts = pgTable(
  'funding_conflicts',
  {
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    declaredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.userId] })],
);

/**
 * The commitment ledger: append-only entries per call. pool = committed + available, where committed =
 * Σ commitment − Σ release − Σ refund. A disbursement carries its date and voucher number (a tranche).
 */
export const fundingLedgerEntries = pgTable(
  'funding_ledger_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    callId: uuid()
      .notNull()
      .references(() => fundingCalls.id),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id),
    kind: text({ enum: LEDGER_KINDS }).notNull(),
    amountFen: fen().notNull(),
    occurredOn: date().notNull(),
    voucherNo: text(),
    note: text().notNull().default(''),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_ledger_call_idx').on(t.callId), index('funding_ledger_app_idx').on(t.applicationId), check('funding_ledger_amount_ck', sql`${t.amountFen} > 0`)],
);

/** The grant agreement (资助协议书): generated from the approved budget, confirmed by the base. */
export const fundingAgreements = pgTable('funding_agreements', {
  applicationId: uuid()
    .primaryKey()
    .references(() => fundingApplications.id, { onDelete: 'cascade' }),
  number: text().notNull().unique(),
  budgetRevision: integer().notNull(),
  confirmedBy: uuid().references(() => users.id),
  confirmedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A budget change request (预算调整) with the budget before and after; approved ones become a revision. */
export const fundingBudgetChanges = pgTable(
  'funding_budget_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    kind: text({ enum: BUDGET_CHANGE_KINDS }).notNull(),
    status: text({ enum: BUDGET_CHANGE_STATUSES }).notNull(),
    fromRevision: integer().notNull(),
    /** The revision it created once recorded or approved. */
    toRevision: integer(),
    linesBefore: jsonb().$type<BudgetLine[]>().notNull(),
    linesAfter: jsonb().$type<BudgetLine[]>().notNull(),
    endDateBefore: date(),
    endDateAfter: date(),
    scope: text().notNull().default(''),
    reason: text().notNull(),
    crossCategoryFen: fen().notNull().default(0),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_budget_changes_app_idx').on(t.applicationId, t.createdAt)],
);

/** Interim and final reports: actual spending per line (fen by key), targets' actual values, events. */
export const fundingReports = pgTable(
  'funding_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['interim', 'final'] }).notNull(),
    status: text({ enum: ['submitted', 'accepted', 'returned', 'closed'] }).notNull().default('submitted'),
    summary: text().notNull(),
    budgetRevision: integer().notNull(),
    spent: jsonb().$type<Record<string, number>>().notNull(),
    spentFen: fen().notNull(),
    targetsActual: jsonb().$type<FundingTargets>().notNull(),
    eventIds: jsonb().$type<string[]>().notNull().default([]),
    submittedBy: uuid()
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    returnDeadline: date(),
    refundFen: fen(),
  },
  (t) => [index('funding_reports_app_idx').on(t.applicationId, t.submittedAt)],
);

/**
 * Files of an application (PDF/JPEG, checked on their bytes, stored through the FileStore): its attachments
 * (`purpose` attachment, `label` one of the call's required attachments or free) and the evidence of its
 * reports (invoices, photos) — uploaded while the report is written (`reportId` null) and bound to the
 * report it was submitted with.
 */
export const fundingReportFiles = pgTable(
  'funding_report_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    purpose: text({ enum: ['attachment', 'evidence'] }).notNull().default('evidence'),
    label: text().notNull().default(''),
    reportId: uuid().references(() => fundingReports.id, { onDelete: 'cascade' }),
    storageKey: text().notNull(),
    fileName: text().notNull(),
    mime: text().notNull(),
    bytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_report_files_report_idx').on(t.reportId), index('funding_report_files_app_idx').on(t.applicationId, t.purpose)],
);

/** Reminders sent about a due date, once each (the day before, on the day, a week late). */
export const fundingReminders = pgTable(
  'funding_reminders',
  {
    applicationId: uuid()
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['day_before', 'due_day', 'week_late'] }).notNull(),
    dueOn: date().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.kind, t.dueOn] })],
);
