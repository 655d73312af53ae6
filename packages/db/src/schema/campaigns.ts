import type { PhaseKey } from '@ssb/domain/phases';
import { REQUIRED_PHASES } from '@ssb/domain/campaign-timetable';
import type { FormField } from '@ssb/domain/application-form';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { recommendingBodies } from './reference.ts';

export type CampaignPhase = {
  key: PhaseKey;
  startsAt: string;
  endsAt: string;
};

export const campaigns = pgTable('campaigns', {
  id: uuid().primaryKey().defaultRandom(),
  year: integer().notNull().unique(),
  title: text().notNull(),
  phases: jsonb().$type<CampaignPhase[]>().notNull(),
  categories: jsonb().$type<string[]>().notNull().default([]),
  /** The application form's fields for this year; the office may add to them. */
  formFields: jsonb().$type<FormField[]>().notNull().default([]),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const campaignQuotas = pgTable(
  'campaign_quotas',
  {
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    recommendingBodyId: uuid()
      .notNull()
      .references(() => recommendingBodies.id),
    quotaMax: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.recommendingBodyId] })],
);

/** One recommender's later deadline for one phase, granted by the office and logged. */
export const deadlineExtensions = pgTable(
  'deadline_extensions',
  {
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    recommendingBodyId: uuid()
      .notNull()
      .references(() => recommendingBodies.id),
    phase: text({ enum: REQUIRED_PHASES }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    reason: text().notNull(),
    grantedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.recommendingBodyId, t.phase] })],
);
