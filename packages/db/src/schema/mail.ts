import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every message the platform sends, so users and the office can see it in the app. */
export const mailLog = pgTable(
  'mail_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    transport: text({ enum: ['eml', 'smtp'] }).notNull(),
    location: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mail_log_to_idx').on(t.to)],
);
