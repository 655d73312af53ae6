import { schema, type DbOrTx } from '@ssb/db';
import { resourceThumbnailUrl } from '@ssb/domain/shared-resources';
import type { SearchDocument } from '@ssb/search';
import { and, eq, gt, inArray, ne } from 'drizzle-orm';

/** Bases shown on the public platform; the others are removed from the index. */
export const SEARCHABLE_BASE_STATUSES = ['active', 'rectification'] as const;

export type DocumentChanges = { upserts: SearchDocument[]; removals: string[] };

type BaseRow = typeof schema.bases.$inferSelect;
type ResourceRow = typeof schema.resources.$inferSelect;
type EventRow = typeof schema.baseEvents.$inferSelect;

const isSearchableBase = (base: Pick<BaseRow, 'status'>) => (SEARCHABLE_BASE_STATUSES as readonly string[]).includes(base.status);

export function baseDocument(base: BaseRow): SearchDocument {
  return {
    id: base.id,
    kind: 'base',
    title: base.name,
    body: [base.introduction, base.address, base.category].filter(Boolean).join('\n'),
    // 'base' in the type facet too, so its counts add up to the total and 基地 can be chosen.
    type: 'base',
    districtCode: base.districtCode,
    baseId: base.id,
    baseName: base.name,
    elements: [],
    scientists: base.scientists,
    audiences: [],
    sortAt: new Date(`${base.namedOn}T00:00:00+08:00`).toISOString(),
  };
}

/** The first image of a resource, as the public path of its thumbnail (the original when it has none). */
const coverOf = (resource: Pick<ResourceRow, 'id' | 'media'>) => {
  const image = resource.media.find((m) => m.kind === 'image');
  return image ? resourceThumbnailUrl(resource.id, image.key) : null;
};

export function resourceDocument(resource: ResourceRow, base: Pick<BaseRow, 'name' | 'districtCode'>): SearchDocument {
  return {
    id: resource.id,
    kind: 'resource',
    title: resource.title,
    body: resource.descriptionText,
    type: resource.type,
    districtCode: base.districtCode,
    baseId: resource.baseId,
    baseName: base.name,
    elements: resource.elements,
    scientists: resource.scientists,
    audiences: resource.audiences,
    sortAt: (resource.publishedAt ?? resource.updatedAt).toISOString(),
    cover: coverOf(resource),
  };
}

/** A published event: its title, summary and place, under its base's name and district, typed 'event'. */
export function eventDocument(event: EventRow, base: Pick<BaseRow, 'name' | 'districtCode'>): SearchDocument {
  return {
    id: event.id,
    kind: 'event',
    title: event.title,
    body: [event.description, event.place].filter(Boolean).join('\n'),
    type: 'event',
    districtCode: base.districtCode,
    baseId: event.baseId,
    baseName: base.name,
    elements: [],
    scientists: [],
    audiences: event.audiences,
    sortAt: event.startsAt.toISOString(),
  };
}
const isSearchableEvent = (event: Pick<EventRow, 'status'>, base: Pick<BaseRow, 'status'>) => event.status === 'published' && isSearchableBase(base);

/**
 * What the index must now hold for these entities, read from the database: a published resource
 * of a base that is not revoked, and a base that is active or under rectification, are upserted;
 * anything else (draft, archived, revoked, deleted) is removed. A base's change also refreshes its
 * resources, which carry its name and district and disappear with its revocation.
 */
export async function loadSearchDocuments(db: DbOrTx, changed: { resourceIds: string[]; baseIds: string[]; eventIds?: string[] }): Promise<DocumentChanges> {
  const upserts: SearchDocument[] = [];
  const removals = new Set<string>();

  const bases = changed.baseIds.length ? await db.select().from(schema.bases).where(inArray(schema.bases.id, changed.baseIds)) : [];
  for (const id of changed.baseIds) {
    const base = bases.find((b) => b.id === id);
    if (base && isSearchableBase(base)) upserts.push(baseDocument(base));
    else removals.add(id);
  }

  const resourceRows = await (async () => {
    const byId = changed.resourceIds.length ? inArray(schema.resources.id, changed.resourceIds) : null;
    const byBase = changed.baseIds.length ? inArray(schema.resources.baseId, changed.baseIds) : null;
    const rows = [];
    for (const where of [byId, byBase]) {
      if (!where) continue;
      rows.push(
        ...(await db
          .select({ resource: schema.resources, base: { name: schema.bases.name, districtCode: schema.bases.districtCode, status: schema.bases.status } })
          .from(schema.resources)
          .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
          .where(where)),
      );
    }
    return rows;
  })();

  const seen = new Set<string>();
  for (const { resource, base } of resourceRows) {
    if (seen.has(resource.id)) continue;
    seen.add(resource.id);
    if (resource.status === 'published' && base.status !== 'revoked') upserts.push(resourceDocument(resource, base));
    else removals.add(resource.id);
  }
  for (const id of changed.resourceIds) if (!seen.has(id)) removals.add(id); // deleted rows

  // Events: a published one of a base in the register is indexed; a draft or cancelled one is removed.
  const eventIds = changed.eventIds ?? [];
  const eventRows = [];
  for (const where of [eventIds.length ? inArray(schema.baseEvents.id, eventIds) : null, changed.baseIds.length ? inArray(schema.baseEvents.baseId, changed.baseIds) : null]) {
    if (!where) continue;
    eventRows.push(
      ...(await db
        .select({ event: schema.baseEvents, base: { name: schema.bases.name, districtCode: schema.bases.districtCode, status: schema.bases.status } })
        .from(schema.baseEvents)
        .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
        .where(where)),
    );
  }
  const seenEvents = new Set<string>();
  for (const { event, base } of eventRows) {
    if (seenEvents.has(event.id)) continue;
    seenEvents.add(event.id);
    if (isSearchableEvent(event, base)) upserts.push(eventDocument(event, base));
    else removals.add(event.id);
  }
  for (const id of eventIds) if (!seenEvents.has(id)) removals.add(id);
  return { upserts, removals: [...removals] };
}

/** Every searchable document, in pages (keyset on id), for a rebuild. */
export async function* allSearchDocuments(db: DbOrTx, pageSize = 500): AsyncGenerator<SearchDocument[]> {
  for (let after = ''; ; ) {
    const rows = await db
      .select()
      .from(schema.bases)
      .where(and(inArray(schema.bases.status, [...SEARCHABLE_BASE_STATUSES]), after ? gt(schema.bases.id, after) : undefined))
      .orderBy(schema.bases.id)
      .limit(pageSize);
    if (rows.length) yield rows.map(baseDocument);
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.id;
  }
  for (let after = ''; ; ) {
    const rows = await db
      .select({ resource: schema.resources, base: { name: schema.bases.name, districtCode: schema.bases.districtCode } })
      .from(schema.resources)
      .innerJoin(schema.bases, eq(schema.bases.id, schema.resources.baseId))
      .where(and(eq(schema.resources.status, 'published'), ne(schema.bases.status, 'revoked'), after ? gt(schema.resources.id, after) : undefined))
      .orderBy(schema.resources.id)
      .limit(pageSize);
    if (rows.length) yield rows.map((r) => resourceDocument(r.resource, r.base));
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.resource.id;
  }
  for (let after = ''; ; ) {
    const rows = await db
      .select({ event: schema.baseEvents, base: { name: schema.bases.name, districtCode: schema.bases.districtCode } })
      .from(schema.baseEvents)
      .innerJoin(schema.bases, eq(schema.bases.id, schema.baseEvents.baseId))
      .where(and(eq(schema.baseEvents.status, 'published'), inArray(schema.bases.status, [...SEARCHABLE_BASE_STATUSES]), after ? gt(schema.baseEvents.id, after) : undefined))
      .orderBy(schema.baseEvents.id)
      .limit(pageSize);
    if (rows.length) yield rows.map((r) => eventDocument(r.event, r.base));
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.event.id;
  }
}
