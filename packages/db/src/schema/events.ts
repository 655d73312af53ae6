import type { Audience } from '@ssb/domain/bases';
import { EVENT_KINDS, EVENT_STATUSES } from '@ssb/domain/events';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
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
    index('base_events_base_idx').on(t.baseId, t.startsAt),
    // The public lists (a base's page, the home page) read only events that have been published.
    index('base_events_public_idx').on(t.endsAt, t.startsAt).where(sql`status <> 'draft'`),
  ],
);
