import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * Resumable uploads begun and not yet finished (one row per tus upload id). They count against the
 * owner's limits (an application's photos or videos, a resource's videos) and the sender's bytes in
 * flight from creation on, and rows idle too long are swept with their partial files.
 */
export const uploadsInFlight = pgTable(
  'uploads_in_flight',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    target: text().notNull(),
    /** What the upload will be counted against, e.g. `application:<id>:photo` or `resource:<id>:video`. */
    ownerKey: text().notNull(),
    declaredBytes: bigint({ mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('uploads_in_flight_owner_idx').on(t.ownerKey), index('uploads_in_flight_user_idx').on(t.userId), index('uploads_in_flight_activity_idx').on(t.lastActivityAt)],
);
