import { sql, type SQL } from 'drizzle-orm';

/** The committed state the tables are at: what each search compares its memory with. */
export const stateSql = (): SQL => sql`select generation::text as generation, epoch::text as epoch from search_state where id = 1`;

/** Numbers of the documents containing every term: the GIN index, then narrow rows. */
export const matchSql = (tsquery: string): SQL => sql`select coalesce(array_agg(seq), '{}') as seqs from search_words where tokens @@ ${tsquery}::tsquery`;

/** Typo-tolerant fallback for Latin words: trigram word similarity, which is also the rank. */
export const fuzzySql = (words: string): SQL =>
  sql`select seq, word_similarity(${words}, latin) as rank from search_words where ${words} <% latin`;

/** Bodies of one page of hits, for their snippets (bodies are not kept in memory). */
export const bodiesSql = (seqs: number[]): SQL => sql`select seq, body from search_docs where seq = any(${`{${seqs.join(',')}}`}::integer[])`;
