import { createHash } from 'node:crypto';
import { rowsOf, type Database } from '@ssb/db';
import { beijingClock } from '@ssb/domain/opening-hours';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public queries whose answer is the same for every visitor and depends only on the data generation
 * (`data`: the search index's generation and the base register's version) — and, for the directory,
 * on the Beijing minute, since it says which bases are open now.
 */
export const CACHED_PUBLIC_QUERIES: Record<string, { byMinute: boolean }> = {
  'bases.directory': { byMinute: true },
  'search.query': { byMinute: false },
};

/** What a CDN or nginx may keep; a browser revalidates with the ETag and gets a 304 while nothing changed. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=5, must-revalidate';

const MAX_ENTRIES = 2000;
const MAX_BODY_BYTES = 256 * 1024;

type Entry = { etag: string; body: string; contentType: string };

/** The data generation: one small statement, read every `refreshMs` and after every mutation here. */
async function readGeneration(db: Database) {
  const [row] = rowsOf<{ g: string }>(
    await db.execute(sql`
      select concat_ws('.',
        (select generation || '-' || epoch from search_state where id = 1),
        (select count(*) || '-' || coalesce(sum(version), 0) || '-' || coalesce(extract(epoch from max(updated_at)), 0) from bases)) as g`),
  );
  return row?.g ?? '0';
}

export type PublicCache = {
  /** The generation now held; `null` before the first read (nothing is cached then). */
  generation(): string | null;
  refresh(): Promise<void>;
  stats(): { hits: number; misses: number; notModified: number; generations: number; readErrors: number; entries: number };
  stop(): void;
};

/**
 * GET /trpc/<public query>: sends `Cache-Control` and an `ETag` derived from the generation, answers
 * `If-None-Match` with 304, and keeps the answers of this generation in memory, so a repeated public
 * query is served without tRPC, a session lookup or PostgreSQL. Writes through this process refresh
 * the generation at once; writes through another replica are seen within `refreshMs`.
 */
export function registerPublicCache(server: FastifyInstance, db: Database, options: { refreshMs?: number } = {}): PublicCache {
  let generation: string | null = null;
  let entries = new Map<string, Entry>();
  const counts = { hits: 0, misses: 0, notModified: 0, generations: 0, readErrors: 0 };
  // Reads run one after another; a refresh asked for while one runs is a new read after it, so a
  // write that committed before the ask is always seen.
  let queued: Promise<void> | null = null;
  let chain: Promise<void> = Promise.resolve();
  const read = async () => {
    queued = null;
    try {
      const next = await readGeneration(db);
      if (next !== generation) {
        entries = new Map();
        counts.generations++;
      }
      generation = next;
    } catch (error) {
      counts.readErrors++;
      // Unknown generation: serve nothing from memory until it is known again.
      if (generation !== null) server.log.warn({ err: error }, 'public cache generation not read; public answers not cached');
      generation = null;
      entries = new Map();
    }
  };
  const refresh = () => {
    if (!queued) chain = queued = chain.then(read);
    return queued;
  };
  void refresh();
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 500);
  timer.unref();

  const keyOf = (request: FastifyRequest) => {
    if (request.method !== 'GET') return null;
    const url = request.raw.url ?? '';
    const match = /^\/trpc\/([a-zA-Z.]+)(\?|$)/.exec(url);
    const rule = match && CACHED_PUBLIC_QUERIES[match[1]!];
    if (!rule || generation === null) return null;
    const clock = rule.byMinute ? beijingClock(new Date()) : null;
    const version = clock ? `${generation}@${clock.weekday}-${clock.time}` : generation;
    return { key: url, version, etag: `W/"${createHash('sha1').update(version).update('\n').update(url).digest('base64url')}"` };
  };
  const setHeaders = (reply: FastifyReply, etag: string) => {
    reply.header('cache-control', PUBLIC_CACHE_CONTROL);
    reply.header('etag', etag);
    // The same answer for every visitor: no cookie may ride on it into a shared cache.
    reply.removeHeader('set-cookie');
  };

  server.addHook('onRequest', async (request, reply) => {
    const cached = keyOf(request);
    if (!cached) return;
    (request as FastifyRequest & { publicCache?: typeof cached }).publicCache = cached;
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim() === cached.etag)) {
      counts.notModified++;
      setHeaders(reply, cached.etag);
      return reply.code(304).send();
    }
    const entry = entries.get(cached.key);
    if (entry && entry.etag === cached.etag) {
      counts.hits++;
      setHeaders(reply, entry.etag);
      return reply.code(200).type(entry.contentType).send(entry.body);
    }
    counts.misses++;
  });
  server.addHook('onSend', async (request, reply, payload) => {
    const cached = (request as FastifyRequest & { publicCache?: { key: string; version: string; etag: string } }).publicCache;
    if (!cached) {
      // A write through this process: take the new generation before the next read.
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.url.startsWith('/trpc/')) await refresh();
      return payload;
    }
    if (reply.statusCode !== 200) return payload;
    setHeaders(reply, cached.etag);
    // tRPC's adapter hands Fastify a fetch Response; a copy of it is read for the cache.
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload instanceof Response && !entries.has(cached.key) ? await payload.clone().text() : null;
    const contentType = payload instanceof Response ? payload.headers.get('content-type') : reply.getHeader('content-type');
    if (body !== null && body.length <= MAX_BODY_BYTES && !entries.has(cached.key)) {
      // Kept only if the generation did not move while the answer was being made.
      const now = keyOf(request);
      if (now && now.etag === cached.etag) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(cached.key, { etag: cached.etag, body, contentType: String(contentType ?? 'application/json') });
      }
    }
    return payload;
  });

  return {
    generation: () => generation,
    refresh,
    stats: () => ({ ...counts, entries: entries.size }),
    stop: () => clearInterval(timer),
  };
}
