import type { Audience } from '@ssb/domain/bases';
import { COHOST_STATUSES, REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bases } from './bases.ts';
import { baseEvents } from './events.ts';

/** A base invited to co-host an event; the public sees only accepted co-hosts. */
export const eventCohosts = pgTable(
  'event_cohosts',
  {
    eventId: uuid()
      .notNull()
      .references(() => baseEvents.id, { onDelete: 'cascade' }),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    status: text({ enum: COHOST_STATUSES }).notNull().default('invited'),
    /** The co-host's own part, which its managers edit: where it takes place on their side, and their seats. */
    place: text().notNull().default(''),
    seats: integer(),
    respondedBy: uuid().references(() => users.id),
    respondedAt: timestamp({ withTimezone: true }),
    /** Why the co-host declined, shown to the host. */
    declineReason: text(),
    /** The co-host's part of the activity report, filed by its managers after the event: who came on its side. */
    reportAttendance: integer(),
    reportYoungPeople: integer(),
    reportSummary: text().notNull().default(''),
    reportedBy: uuid().references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.baseId] }), index('event_cohosts_base_idx').on(t.baseId)],
);

/**
 * One registration for an event, made on the platform without an account. Personal data (name, phone,
 * email, school) is cleared a set time after the event (`purgedAt`); the seats and states stay as counts.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => baseEvents.id, { onDelete: 'cascade' }),
    /** The order of arrival, which the waiting list follows. */
    seq: bigserial({ mode: 'number' }).notNull(),
    /** Short code shown on the confirmation and checked at the door; unique per event. */
    code: text().notNull(),
    /** sha256 of the secret in the cancel link; never the secret itself. */
    cancelTokenHash: text().notNull(),
    name: text(),
    phone: text(),
    email: text(),
    schoolName: text(),
    audience: text().$type<Audience>(),
    seats: integer().notNull(),
    status: text({ enum: REGISTRATION_STATUSES }).notNull(),
    offeredAt: timestamp({ withTimezone: true }),
    offerExpiresAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInBy: uuid().references(() => users.id),
    reminderSentAt: timestamp({ withTimezone: true }),
    purgedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('event_registrations_seats', sql`${t.seats} > 0`),
    uniqueIndex('event_registrations_code_uq').on(t.eventId, t.code),
    // One live registration per phone and event; a cancelled one frees the phone.
    uniqueIndex('event_registrations_phone_uq')
      .on(t.eventId, t.phone)
      .where(sql`status in ('confirmed', 'waitlisted', 'offered') and phone is not null`),
    index('event_registrations_queue_idx').on(t.eventId, t.status, t.seq),
  ],
);

/** Every move of a registration (registered, waitlisted, offered, confirmed, cancelled, expired) with its reason. */
export const eventRegistrationMoves = pgTable(
  'event_registration_moves',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    registrationId: uuid()
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    eventId: uuid().notNull(),
    fromStatus: text({ enum: REGISTRATION_STATUSES }),
    toStatus: text({ enum: REGISTRATION_STATUSES }).notNull(),
    reason: text().notNull(),
    actorUserId: uuid().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_registration_moves_event_idx').on(t.eventId, t.seq)],
);

/** What happened at an event, filed by its host afterwards; counts in the base's yearly record. */
export const eventReports = pgTable('event_reports', {
  eventId: uuid()
    .primaryKey()
    .references(() => baseEvents.id, { onDelete: 'cascade' }),
  /** People who came: check-ins plus walk-ins, unless overridden with a reason. */
  attendance: integer().notNull(),
  attendanceOverrideReason: text(),
  youngPeople: integer().notNull().default(0),
  audiences: jsonb().$type<Audience[]>().notNull().default([]),
  summary: text().notNull().default(''),
  /** Press and new-media links: kind `press` | `new_media`. */
  links: jsonb().$type<Array<{ kind: 'press' | 'new_media'; title: string; url: string }>>().notNull().default([]),
  /** Storage keys of the report's photos, checked like other images. */
  photos: jsonb().$type<Array<{ key: string; name: string; thumbKey?: string; baseId?: string }>>().notNull().default([]),
  filedBy: uuid().references(() => users.id),
  filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});
