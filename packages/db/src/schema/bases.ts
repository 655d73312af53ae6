import { AUDIENCES, BASE_STATUSES, BOOKING_STATUSES, RESOURCE_STATUSES, RESOURCE_TYPES, type BaseClosure, type BasePhoto, type OpeningHours } from '@ssb/domain/bases';
import type { ResourceMediaItem } from '@ssb/domain/shared-resources';
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { applications } from './applications.ts';
import { districts } from './reference.ts';
import { organizations } from './organizations.ts';

/** The register of named bases (科学家精神教育基地名录). */
export const bases = pgTable(
  'bases',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Register number, e.g. 京科精基地-2022-001; unique and never reused. */
    number: text().notNull().unique(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The nomination it was named from; null for bases entered from earlier paper records. */
    applicationId: uuid()
      .unique()
      .references(() => applications.id),
    name: text().notNull(),
    batchYear: integer().notNull(),
    category: text().notNull(),
    districtCode: text()
      .notNull()
      .references(() => districts.code),
    namedOn: date().notNull(),
    validUntil: date().notNull(),
    status: text({ enum: BASE_STATUSES }).notNull().default('active'),
    statusNote: text(),
    // The public profile, kept by the base's managers.
    introduction: text().notNull().default(''),
    address: text().notNull().default(''),
    openingHours: jsonb().$type<OpeningHours>().notNull().default([]),
    /** Days closed whatever the hours say (holidays, works), Beijing days inclusive. */
    closures: jsonb().$type<BaseClosure[]>().notNull().default([]),
    /** Photos on the public page, in order; files under `bases/<id>/<key>` with a thumbnail beside each. */
    photos: jsonb().$type<BasePhoto[]>().notNull().default([]),
    bookingInfo: text().notNull().default(''),
    phone: text(),
    website: text(),
    scientists: jsonb().$type<string[]>().notNull().default([]),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bases_district_idx').on(t.districtCode, t.status), index('bases_org_idx').on(t.organizationId)],
);

/** Every change of a base's status (rectification, revocation, expiry) with who and why. */
export const baseStatusEvents = pgTable('base_status_events', {
  seq: bigserial({ mode: 'number' }).primaryKey(),
  baseId: uuid()
    .notNull()
    .references(() => bases.id, { onDelete: 'cascade' }),
  fromStatus: text(),
  toStatus: text({ enum: BASE_STATUSES }).notNull(),
  reason: text(),
  actorUserId: uuid().references(() => users.id),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A term reminder sent to a base's managers (12, 6 or 3 months before `valid_until`): the key holds the
 * term's end, so a renewed term is reminded afresh, and a milestone is claimed once by its insert.
 */
export const baseTermReminders = pgTable(
  'base_term_reminders',
  {
    baseId: uuid()
      .notNull()
      .references(() => bases.id, { onDelete: 'cascade' }),
    validUntil: date().notNull(),
    milestone: integer().notNull(),
    recipients: integer().notNull().default(0),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.baseId, t.validUntil, t.milestone] })],
);

/** Exhibits and resources a base publishes on the shared-resource platform. */
export const resources = pgTable(
  'resources',
  {
    id: uuid().primaryKey().defaultRandom(),
    baseId: uuid()
      .notNull()
      .references(() => bases.id),
    type: text({ enum: RESOURCE_TYPES }).notNull(),
    title: text().notNull(),
    /** Sanitised HTML (allow-list) — never stored unsanitised. */
    descriptionHtml: text().notNull().default(''),
    /** Plain text of the description, for search and listings. */
    descriptionText: text().notNull().default(''),
    scientists: jsonb().$type<string[]>().notNull().default([]),
    /** Spirit element keys (patriotism, innovation, …). */
    elements: jsonb().$type<string[]>().notNull().default([]),
    audiences: jsonb().$type<Array<(typeof AUDIENCES)[number]>>().notNull().default([]),
    /** Storage keys of images/videos shown with the resource, in display order. */
    media: jsonb().$type<ResourceMediaItem[]>().notNull().default([]),
    /** How another base may borrow or book it; empty means it is not lent. */
    lendingTerms: text().notNull().default(''),
    lendable: boolean().notNull().default(false),
    /** The longest booking, in days (inclusive), the server accepts; null means no limit beyond the terms. */
    maxBookingDays: integer(),
    /** Where an online exhibition or lecture is seen (https); null for things lent in person. */
    onlineUrl: text(),
    status: text({ enum: RESOURCE_STATUSES }).notNull().default('draft'),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resources_base_idx').on(t.baseId, t.status), index('resources_published_idx').on(t.status, sql`${t.publishedAt} desc`)],
);

/** A base asking another to lend an exhibit or give a lecture on given dates (资源共享). */
export const resourceBookings = pgTable(
  'resource_bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    resourceId: uuid()
      .notNull()
      .references(() => resources.id),
    requesterBaseId: uuid()
      .notNull()
      .references(() => bases.id),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    status: text({ enum: BOOKING_STATUSES }).notNull().default('requested'),
    message: text().notNull().default(''),
    responseNote: text(),
    requestedBy: uuid().references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resource_bookings_resource_idx').on(t.resourceId, t.startsOn), index('resource_bookings_requester_idx').on(t.requesterBaseId)],
);

/**
 * Transactional outbox for the search index: a row is written in the same transaction as the
 * change, and a worker applies it to the engine; an engine that is down only delays it.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** What is indexed: 'resource', 'base' or 'event' (no check in the database: the enum is TypeScript's). */
    entity: text({ enum: ['resource', 'base', 'event'] }).notNull(),
    entityId: uuid().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_outbox_pending_idx').on(t.id).where(sql`processed_at is null`)],
);
