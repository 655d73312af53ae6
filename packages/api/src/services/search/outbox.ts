import { schema, type DbOrTx } from '@ssb/db';

export type SearchEntity = 'resource' | 'base' | 'event';

/**
 * Records that an entity's search document must be rebuilt. Call it inside the transaction that
 * changes the entity: the index then follows every committed write and none that rolled back.
 */
export async function queueSearchUpdate(tx: DbOrTx, entity: SearchEntity, entityId: string) {
  await tx.insert(schema.searchOutbox).values({ entity, entityId });
}
