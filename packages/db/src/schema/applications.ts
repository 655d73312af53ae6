import { APPLICATION_STATUSES } from '@ssb/domain/application-status';
import { relations } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bases } from './bases.ts';
import { campaigns } from './campaigns.ts';
import { organizations } from './organizations.ts';
import { recommendingBodies } from './reference.ts';

/** One unit's application in one campaign, addressed to one recommender. */
export const applications = pgTable(
  'applications',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    recommendingBodyId: uuid().references(() => recommendingBodies.id),
    status: text({ enum: APPLICATION_STATUSES }).notNull().default('draft'),
    /** The form's values, keyed by field; drafts keep whatever was typed. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Bumped on every save: a save naming an older version is a conflict, never an overwrite. */
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    submittedAt: timestamp({ withTimezone: true }),
    recommendedAt: timestamp({ withTimezone: true }),
    returnReason: text(),
    /**
     * Set on a re-application (复核/重新申报): the named base whose term it renews; naming it extends that base.
     * No foreign key: `bases.application_id` already points here, and a key back would make a cycle that the
     * backup's parents-before-children order cannot hold. Only `startRenewal` sets it, from a base row.
     */
    renewsBaseId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('applications_unit_recommender').on(t.campaignId, t.organizationId, t.recommendingBodyId),
    index('applications_recommender_idx').on(t.campaignId, t.recommendingBodyId, t.status),
    index('applications_org_idx').on(t.organizationId),
    index('applications_renews_base_idx').on(t.renewsBaseId),
  ],
);

/** The applicant's timeline: every change of status with who, when and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.seq)],
);

/** A recommender's statement that it nominates nobody this campaign (allowed by the notice). */
export const recommenderDeclarations = pgTable(
  'recommender_declarations',
  {
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id),
    recommendingBodyId: uuid()
      .notNull()
      .references(() => recommendingBodies.id),
    declaresNone: boolean().notNull(),
    note: text(),
    declaredBy: uuid().references(() => users.id),
    declaredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('recommender_declarations_once').on(t.campaignId, t.recommendingBodyId)],
);

export const applicationsRelations = relations(applications, ({ one, many }) => ({
  campaign: one(campaigns, { fields: [applications.campaignId], references: [campaigns.id] }),
  organization: one(organizations, { fields: [applications.organizationId], references: [organizations.id] }),
  recommendingBody: one(recommendingBodies, { fields: [applications.recommendingBodyId], references: [recommendingBodies.id] }),
  renewsBase: one(bases, { fields: [applications.renewsBaseId], references: [bases.id] }),
  events: many(applicationEvents),
}));
export const applicationEventsRelations = relations(applicationEvents, ({ one }) => ({
  application: one(applications, { fields: [applicationEvents.applicationId], references: [applications.id] }),
  actor: one(users, { fields: [applicationEvents.actorUserId], references: [users.id] }),
}));
