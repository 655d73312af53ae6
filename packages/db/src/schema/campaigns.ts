import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { recommendingBodies } from './reference.ts';

export type CampaignPhase = {
  key: 'application' | 'recommendation' | 'intake' | 'review' | 'public_notice' | 'naming' | 'publicity';
  startsAt: string;
  endsAt: string;
};

export const campaigns = pgTable('campaigns', {
  id: uuid().primaryKey().defaultRandom(),
  year: integer().notNull().unique(),
  title: text().notNull(),
  phases: jsonb().$type<CampaignPhase[]>().notNull(),
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
