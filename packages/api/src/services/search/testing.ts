import { randomUUID } from 'node:crypto';
import { schema, type Database } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import type { SearchEngine } from '@ssb/search';
import { eq } from 'drizzle-orm';
import { queueSearchUpdate } from './outbox.ts';

type NewResource = Partial<typeof schema.resources.$inferInsert> & { baseId: string; title: string };

/**
 * Writers as the CRUD services are: each change and its outbox row in one transaction.
 * Used by the search tests; the real writers live in services/resources and services/register.
 */
export function searchWriters(db: Database) {
  let number = 0;
  return {
    async createBase(values: Partial<typeof schema.bases.$inferInsert> & { name: string }) {
      await seedReferenceData(db);
      const org = await seedOrganization(db);
      return db.transaction(async (tx) => {
        const [base] = await tx
          .insert(schema.bases)
          .values({
            number: `京科精基地-2022-${String(++number).padStart(3, '0')}-${randomUUID().slice(0, 4)}`,
            organizationId: org.id,
            batchYear: 2022,
            category: '科技馆',
            districtCode: '110108',
            namedOn: '2022-10-01',
            validUntil: '2027-09-30',
            ...values,
          })
          .returning();
        await queueSearchUpdate(tx, 'base', base!.id);
        return base!;
      });
    },
    async createResource(values: NewResource) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(schema.resources)
          .values({ type: 'exhibit', status: 'published', publishedAt: new Date(), ...values })
          .returning();
        await queueSearchUpdate(tx, 'resource', row!.id);
        return row!;
      });
    },
    async updateResource(id: string, values: Partial<typeof schema.resources.$inferInsert>) {
      await db.transaction(async (tx) => {
        await tx.update(schema.resources).set(values).where(eq(schema.resources.id, id));
        await queueSearchUpdate(tx, 'resource', id);
      });
    },
    async updateBase(id: string, values: Partial<typeof schema.bases.$inferInsert>) {
      await db.transaction(async (tx) => {
        await tx.update(schema.bases).set(values).where(eq(schema.bases.id, id));
        await queueSearchUpdate(tx, 'base', id);
      });
    },
  };
}

/** An engine that can be switched off, as a stopped Meilisearch server would be. */
export function switchableEngine(inner: SearchEngine) {
  let isDown = false;
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      if (isDown) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
      return fn(...args);
    };
  const engine: SearchEngine = {
    name: `${inner.name} (switchable)`,
    setup: guard(() => inner.setup()),
    upsert: guard((docs) => inner.upsert(docs)),
    remove: guard((ids) => inner.remove(ids)),
    clear: guard(() => inner.clear()),
    listIds: guard(() => inner.listIds()),
    count: guard(() => inner.count()),
    query: guard((q) => inner.query(q)),
  };
  return { engine, stop: () => (isDown = true), start: () => (isDown = false) };
}
