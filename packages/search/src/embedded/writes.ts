import { rowsOf, type Transaction } from '@ssb/db';
import { sql } from 'drizzle-orm';
import type { SearchDocument } from '../port.ts';
import { pinyinNames, pinyinTerms } from '../pinyin.ts';
import { normalise, tsvectorLiteral } from '../tokenize.ts';
import { textArray } from './sql-values.ts';

const LATIN_WORDS = /[a-z0-9]+/g;

/** Latin words of a document, for the typo-tolerant trigram match (pinyin names, English titles). */
const latinText = (doc: SearchDocument) =>
  (normalise([...pinyinNames(doc.scientists), doc.title, doc.scientists.join(' '), doc.baseName, doc.body].join(' ')).match(LATIN_WORDS) ?? []).join(' ').slice(0, 2000);

/** Takes the next generation; the row lock it holds until commit makes writers commit in order. */
export async function nextGeneration(tx: Transaction, options: { newEpoch?: boolean } = {}): Promise<number> {
  const epoch = options.newEpoch ? sql`, epoch = epoch + 1` : sql``;
  const [row] = rowsOf<{ generation: string }>(
    await tx.execute(sql`update search_state set generation = generation + 1 ${epoch} where id = 1 returning generation::text as generation`),
  );
  return Number(row!.generation);
}

/** Inserts or replaces documents (the last of a repeated id wins) at generation `gen`. */
export async function writeDocuments(tx: Transaction, documents: SearchDocument[], gen: number) {
  const batch = [...new Map(documents.map((d) => [d.id, d])).values()];
  if (!batch.length) return;
  const docs = batch.map(
    (d) => sql`(${d.id}::uuid, ${d.kind}, ${d.type}, ${d.districtCode}, ${d.baseId}::uuid, ${d.baseName},
      ${textArray(d.elements)}, ${textArray(d.scientists)}, ${textArray(d.audiences)}, ${d.sortAt}::timestamptz, ${d.title}, ${d.body}, ${d.cover ?? null}, ${gen})`,
  );
  const numbered = rowsOf<{ seq: number; id: string }>(
    await tx.execute(sql`
      insert into search_docs (id, kind, type, district_code, base_id, base_name, elements, scientists, audiences, sort_at, title, body, cover, gen)
      values ${sql.join(docs, sql`, `)}
      on conflict (id) do update set kind = excluded.kind, type = excluded.type, district_code = excluded.district_code,
        base_id = excluded.base_id, base_name = excluded.base_name, elements = excluded.elements, scientists = excluded.scientists,
        audiences = excluded.audiences, sort_at = excluded.sort_at, title = excluded.title, body = excluded.body, cover = excluded.cover, gen = excluded.gen
      returning seq, id::text as id`),
  );
  const seqOf = new Map(numbered.map((r) => [r.id, r.seq]));
  const words = batch.map(
    (d) => sql`(${seqOf.get(d.id.toLowerCase())!}::integer, ${tsvectorLiteral([d.title, d.scientists.join(' '), d.baseName, d.body], pinyinTerms(d))}::tsvector, ${latinText(d)})`,
  );
  await tx.execute(sql`
    insert into search_words (seq, tokens, latin) values ${sql.join(words, sql`, `)}
    on conflict (seq) do update set tokens = excluded.tokens, latin = excluded.latin`);
}

/** Deletes documents and records their numbers, so every engine's memory forgets them. */
export async function removeDocuments(tx: Transaction, ids: string[], gen: number) {
  await tx.execute(sql`
    with gone as (delete from search_docs where id = any(${textArray(ids)}::uuid[]) returning seq)
    insert into search_removed (seq, gen) select seq, ${gen} from gone
    on conflict (seq) do update set gen = excluded.gen`);
}
