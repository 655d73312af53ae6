import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { RECOMMENDER_KINDS } from '@ssb/domain/organizations';
import { organizations } from './organizations.ts';

export const districts = pgTable('districts', {
  code: text().primaryKey(),
  name: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: integer().notNull(),
});

/** The recommending bodies named in the notice; each acts through its own organization. */
export const recommendingBodies = pgTable('recommending_bodies', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: RECOMMENDER_KINDS }).notNull(),
  districtCode: text().references(() => districts.code),
  defaultQuotaMin: integer().notNull(),
  defaultQuotaMax: integer().notNull(),
  organizationId: uuid()
    .notNull()
    .unique()
    .references(() => organizations.id),
});
