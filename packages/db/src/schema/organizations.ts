import { sql } from 'drizzle-orm';
import { ORGANIZATION_TYPES } from '@ssb/domain/organizations';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** 统一社会信用代码, validated with its check character before it gets here. */
    uscc: text().notNull().unique(),
    type: text({ enum: ORGANIZATION_TYPES }).notNull(),
    districtCode: text().notNull(),
    address: text().notNull(),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    contactEmail: text().notNull(),
    /** Demo records are marked so nothing pretends to be a real unit. */
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_district_idx').on(t.districtCode),
    check('organizations_uscc_shape', sql`${t.uscc} ~ '^[0-9A-Y]{18}$'`),
  ],
);
