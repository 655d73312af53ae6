import {
  ANNUAL_REPORT_STATUSES, EVALUATION_OUTCOMES, EVALUATION_ROUND_STATUSES, RECTIFICATION_STATUSES,
  type DimensionWeights, type EvaluationDimension, type ReportFigures, type ReportFormField,
} from '@ssb/domain/evaluation';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bases } from './bases.ts';

export type LinkedFile = { name: string; url: string };
/** A photo stored through the FileStore, as report photos are (`storageKey` under the platform's files). */
export type StoredPhoto = { key: string; name: string; sha256?: string };

/** A yearly reporting and evaluation round (年度报告与考核), opened by the office. */
export const evaluationRounds = pgTable(
  'evaluation_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    year: integer().notNull(),
    title: text().notNull(),
    status: text({ enum: EVALUATION_ROUND_STATUSES }).notNull().default('open'),
    opensOn: date().notNull(),
    reportDueAt: timestamp({ withTimezone: true }).notNull(),
    /** The office's weights of the six dimensions (they add up to 100). */
    weights: jsonb().$type<DimensionWeights>().notNull(),
    /** Questions beyond the figures and the six texts, editable like the 申报表's fields. */
    formFields: jsonb().$type<ReportFormField[]>().notNull().default([]),
    createdBy: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('evaluation_rounds_year_uq').on(t.year)],
);

/** The bases a round covers (fixed when it opens), with the day the managers were told. */
export const evaluationRoundBases = pgTable(
  'evaluation_round_bases',
  {
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    notifiedAt: timestamp({ withTimezone: true }),
    /** The base's own deadline when the office extended it; null keeps the round's. */
    dueAt: timestamp({ withTimezone: true }),
    /** When the last deadline reminder went out (once per kind: 'week', 'overdue'). */
    remindedKinds: jsonb().$type<string[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.baseId] }), index('evaluation_round_bases_base_idx').on(t.baseId)],
);

/** A base's annual report (年度报告) in a round: the platform's figures with their source and the base's corrections. */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    status: text({ enum: ANNUAL_REPORT_STATUSES }).notNull().default('draft'),
    /** Each figure: the platform's value, where it came from, and the base's correction with its reason. */
    figures: jsonb().$type<ReportFigures>().notNull(),
    texts: jsonb().$type<Partial<Record<EvaluationDimension, string>>>().notNull().default({}),
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    photos: jsonb().$type<StoredPhoto[]>().notNull().default([]),
    attachments: jsonb().$type<LinkedFile[]>().notNull().default([]),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('annual_reports_round_base_uq').on(t.roundId, t.baseId), index('annual_reports_base_idx').on(t.baseId)],
);

/** An expert of the pool scoring one base's report on the six dimensions. */
export const evaluationAssignments = pgTable(
  'evaluation_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    expertUserId: uuid()
      .notNull()
      .references(() => users.id),
    status: text({ enum: ['assigned', 'submitted', 'withdrawn'] }).notNull().default('assigned'),
    scores: jsonb().$type<Partial<Record<EvaluationDimension, number>>>().notNull().default({}),
    /** Σ score × weight / 100 with the round's weights when submitted. */
    weightedScore: real(),
    comment: text().notNull().default(''),
    conflictReason: text(),
    version: integer().notNull().default(1),
    submittedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('evaluation_assignments_once').on(t.roundId, t.baseId, t.expertUserId), index('evaluation_assignments_expert_idx').on(t.expertUserId, t.status)],
);

/** An on-site visit (实地核查): date, visitors, findings, photos and a score of its own. */
export const evaluationVisits = pgTable(
  'evaluation_visits',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    visitedOn: date().notNull(),
    visitors: text().notNull(),
    findings: text().notNull(),
    photos: jsonb().$type<string[]>().notNull().default([]),
    score: integer().notNull(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_visits_round_base_idx').on(t.roundId, t.baseId)],
);

/**
 * One row per base in a round once the office acts on it: its own check (score and note) and the outcome
 * it decided — the three scores (experts', visit, office) stay in their own rows, side by side.
 */
export const evaluationResults = pgTable(
  'evaluation_results',
  {
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    officeScore: integer(),
    officeNote: text().notNull().default(''),
    officeCheckedBy: uuid().references(() => users.id),
    officeCheckedAt: timestamp({ withTimezone: true }),
    outcome: text({ enum: EVALUATION_OUTCOMES }),
    outcomeReason: text().notNull().default(''),
    /** The experts' mean and the visit score as they stood when the outcome was decided. */
    expertMean: real(),
    visitScore: integer(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    /** Set when the base had no submitted report when the outcome was decided. */
    unreported: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.baseId] }), index('evaluation_results_base_idx').on(t.baseId, t.decidedAt)],
);

/** A rectification (整改) ordered by an outcome of 限期整改 (or for a base that did not report). */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    status: text({ enum: RECTIFICATION_STATUSES }).notNull().default('open'),
    deadline: date().notNull(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid().references(() => users.id),
    recheckNote: text(),
    recheckedBy: uuid().references(() => users.id),
    recheckedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rectifications_round_base_uq').on(t.roundId, t.baseId), index('rectifications_status_idx').on(t.status, t.deadline)],
);

/** One point to fix, with the base's answer and evidence. */
export const rectificationPoints = pgTable(
  'rectification_points',
  {
    id: uuid().primaryKey().defaultRandom(),
    rectificationId: uuid()
      .notNull()
      .references(() => rectifications.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    point: text().notNull(),
    answer: text(),
    evidence: jsonb().$type<LinkedFile[]>().notNull().default([]),
    answeredAt: timestamp({ withTimezone: true }),
  },
  (t) => [unique('rectification_points_seq_uq').on(t.rectificationId, t.seq)],
);
