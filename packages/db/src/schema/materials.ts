import { doublePrecision, bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { applications } from './applications.ts';

/** Photos and videos of an application, kept only once their bytes passed the notice's checks. */
export const materials = pgTable(
  'materials',
  {
    id: uuid().primaryKey().defaultRandom(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['photo', 'video'] }).notNull(),
    /** The format read from the bytes (jpeg, mp4, mov), never the name's extension. */
    format: text().notNull(),
    originalName: text().notNull(),
    storageKey: text().notNull().unique(),
    /** The copy experts and the public get: the same picture without EXIF/XMP/IPTC or container tags. Null until made. */
    strippedStorageKey: text().unique(),
    bytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    width: integer(),
    height: integer(),
    durationSeconds: doublePrecision(),
    sortOrder: integer().notNull().default(0),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('materials_application_idx').on(t.applicationId, t.kind, t.sortOrder)],
);
