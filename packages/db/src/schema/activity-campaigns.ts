import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** Themed campaigns (主题活动) the office defines — 全国科技工作者日, 科技活动周, 全国科普日 — that events join. */
export const activityCampaigns = pgTable('activity_campaigns', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  nameEn: text().notNull().default(''),
  description: text().notNull().default(''),
  descriptionEn: text().notNull().default(''),
  /** Beijing calendar days, inclusive. */
  startsOn: date().notNull(),
  endsOn: date().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
