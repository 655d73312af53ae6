import type { Audience } from '@ssb/domain/bases';
import { EVENT_KINDS, EVENT_STATUSES } from '@ssb/domain/events';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { activityCampaigns } from './activity-campaigns.ts';
import { alliances } from './alliances.ts';
import { bases } from './bases.ts';

/** Lectures, exhibitions, study tours and open days a base announces on its public page. */
export const baseEvents = pgTable(
  'base_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    kind: text({ enum: EVENT_KINDS }).notNull(),
    title: text().notNull(),
    /** Plain text, shown with its line breaks; never HTML. */
    description: text().notNull().default(''),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    place: text().notNull().default(''),
    audiences: jsonb().$type<Audience[]>().notNull().default([]),
    /** Places available; null when attendance is not limited. */
    capacity: integer(),
    /** How to sign up (电话、公众号、现场), as the base writes it. */
    bookingInfo: text().notNull().default(''),
    status: text({ enum: EVENT_STATUSES }).notNull().default('draft'),
    cancelReason: text(),
    /** Set when an alliance hosts the event (a joint action); `baseId` is then the base that runs it for the alliance. */
    allianceId: uuid().references(() => alliances.id),
    /** The themed campaign (主题活动) the event joins, if any. */
    activityCampaignId: uuid().references(() => activityCampaigns.id),
    // Registration on the platform (off by default: `bookingInfo` then says how to sign up).
    registrationEnabled: boolean().notNull().default(false),
    registrationOpensAt: timestamp({ withTimezone: true }),
    registrationClosesAt: timestamp({ withTimezone: true }),
    /** The most seats one registration may take (a teacher booking for a class). */
    maxSeatsPerRegistration: integer().notNull().default(1),
    /** Hours a waiting-list entry has to accept freed seats; null confirms the offer at once. */
    offerAcceptanceHours: integer(),
    /** Seats held by confirmed and offered registrations, kept under the event's row lock. */
    heldSeats: integer().notNull().default(0),
    walkIns: integer().notNull().default(0),
    /** Days after the event when registrants' personal data is cleared (kept as counts). */
    personalDataDays: integer().notNull().default(30),
    personalDataPurgedAt: timestamp({ withTimezone: true }),
    /** Set when the event's time or place changed after registrations were taken, so registrants are told. */
    movedAt: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('base_events_period', sql`${t.endsAt} >= ${t.startsAt}`),
    check('base_events_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
    // Capacity is never exceeded: the database refuses it even if a service were wrong.
    check('base_events_held_seats', sql`${t.heldSeats} >= 0 and (${t.capacity} is null or ${t.heldSeats} <= ${t.capacity})`),
    check('base_events_max_seats', sql`${t.maxSeatsPerRegistration} > 0`),
    index('base_events_alliance_idx').on(t.allianceId).where(sql`alliance_id is not null`),
    index('base_events_activity_campaign_idx').on(t.activityCampaignId).where(sql`activity_campaign_id is not null`),
    index('base_events_base_idx').on(t.baseId, t.startsAt),
    // The public lists (a base's page, the home page) read only events that have been published.
    index('base_events_public_idx').on(t.endsAt, t.startsAt).where(sql`status <> 'draft'`),
  ],
);
