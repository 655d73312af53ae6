import { rowsOf, type Database } from '@ssb/db';
import { sql } from 'drizzle-orm';
import type { DocRow, DocStore } from './doc-store.ts';
import { stateSql } from './query-sql.ts';

type State = { generation: number; epoch: number };

const DOC_COLUMNS = sql`seq, id, kind, type, district_code, base_id, base_name, elements, scientists, audiences, sort_at, title, cover`;

async function readState(db: Pick<Database, 'execute'>): Promise<State> {
  const [row] = rowsOf<{ generation: string; epoch: string }>(await db.execute(stateSql()));
  return { generation: Number(row?.generation ?? 0), epoch: Number(row?.epoch ?? 0) };
}

/**
 * Brings the engine's memory up to the committed state of search_docs: nothing when the
 * generation is unchanged (one small read), the rows changed since when it is, everything after
 * a clear or rebuild (new epoch). State and rows are read in one snapshot, and writers commit in
 * generation order, so no change is skipped.
 */
export async function syncStore(db: Database, store: DocStore): Promise<void> {
  const seen = await readState(db);
  if (seen.epoch === store.epoch && seen.generation === store.generation) return;
  await db.transaction(
    async (tx) => {
      const state = await readState(tx);
      const full = state.epoch !== store.epoch;
      if (full) store.reset(state.epoch);
      const since = full ? -1 : store.generation;
      if (!full) {
        const removed = rowsOf<{ seq: number }>(await tx.execute(sql`select seq from search_removed where gen > ${since}`));
        for (const { seq } of removed) store.delete(seq);
      }
      const changed = rowsOf<DocRow>(await tx.execute(sql`select ${DOC_COLUMNS} from search_docs where gen > ${since}`));
      for (const row of changed) store.put(row);
      store.generation = state.generation;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
