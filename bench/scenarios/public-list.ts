import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listBaseDirectory } from '@ssb/api/services/base-profile/public-bases';
import { rowsOf, schema } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { createTestDatabase } from '@ssb/db/testing';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';
import { createEmbeddedEngine } from '@ssb/search';
import { createServer } from '@ssb/server';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { barePath, floorPath, makeListRequests, trpcPath, type ListRequest } from './public-list/paths.ts';
import { makeBases, makeResource, prng } from './search/corpus.ts';

const run = promisify(execFile);
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RESOURCES = Number(process.env.BENCH_LIST_RESOURCES ?? 20_000);

type Load = { requests: number; rps: number; p50_ms: number; p99_ms: number; errors: number };

async function load(url: string, paths: string[]): Promise<Load> {
  const { stdout } = await run('npx', ['tsx', join(import.meta.dirname, 'public-list/load.ts'), JSON.stringify({ url, paths, connections: CONNECTIONS, seconds: SECONDS })], {
    cwd: import.meta.dirname,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Load;
}

/**
 * quality.md "public list": the directory of bases and the exhibits list (20 per page, filters)
 * over tRPC with 50 connections against the whole server (CSRF, helmet, session lookup, tRPC),
 * compared with a bare Fastify route calling the same service (same SQL, same driver), and with the
 * floor: a bare route running one indexed `SELECT … LIMIT 20`. The server answers repeated public
 * queries from its generation-keyed cache (`apps/server/src/public-cache.ts`).
 * PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite.
 */
export async function publicListScenario() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const database = await createTestDatabase(url ? 'postgres' : 'pglite');
  const { db } = database;
  await seedReferenceData(db);
  const org = await seedOrganization(db, { name: '压测基地单位' });
  const random = prng(11);
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));
  const baseRows = await db
    .insert(schema.bases)
    .values(
      makeBases(300).map((b, i) => ({
        number: `压测-${String(i).padStart(3, '0')}`,
        organizationId: org.id,
        name: b.name,
        batchYear: 2022,
        category: random.pick(BASE_CATEGORIES),
        districtCode: b.districtCode,
        namedOn: '2022-10-01',
        validUntil: '2027-09-30',
        introduction: b.introduction,
        scientists: b.scientists,
        openingHours: random.next() < 0.7 ? hours.slice(1, 6) : hours,
      })),
    )
    .returning({ id: schema.bases.id });
  for (let i = 0; i < RESOURCES; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, RESOURCES - i) }, (_, j) => {
      const { baseIndex, ...r } = makeResource(random, baseRows.length, i + j);
      return { ...r, baseId: baseRows[baseIndex]!.id, status: 'published' as const };
    });
    await db.insert(schema.resources).values(batch);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-list-'));
  const platform = await createServer({ database, env: { PORT: 0, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: false, SERVE_APPS: false } });
  const platformUrl = await platform.server.listen({ port: 0, host: '127.0.0.1' });
  // The server rebuilds its empty search index in the background on start; wait for it.
  const search = createEmbeddedEngine(db);
  for (let tries = 0; (await search.count()) < RESOURCES + baseRows.length; tries++) {
    if (tries > 600) throw new Error('search index not rebuilt in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const bare = Fastify({ logger: false });
  bare.get<{ Params: { procedure: string }; Querystring: { input: string } }>('/bare/:procedure', async (request) => {
    const input = JSON.parse(request.query.input) as ListRequest['input'];
    return request.params.procedure === 'bases.directory'
      ? listBaseDirectory(db, input as Parameters<typeof listBaseDirectory>[1])
      : search.query(input as Parameters<typeof search.query>[0]);
  });
  // The physical floor: the same requests, each answered by one indexed `SELECT … LIMIT 20` through the same driver.
  bare.get<{ Querystring: { input: string } }>('/floor/:procedure', async (request) => {
    const input = JSON.parse(request.query.input) as { page?: number };
    return rowsOf(
      await db.execute(sql`
        select id, title, type, base_id, published_at from resources
        where status = 'published' order by published_at desc
        limit 20 offset ${((input.page ?? 1) - 1) * 20}`),
    );
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const requests = makeListRequests(500);
  // Warm both (plans, JIT, the engines' memory), then measure the bare route first, then tRPC.
  await load(bareUrl, requests.slice(0, 50).map(barePath));
  await load(platformUrl, requests.slice(0, 50).map(trpcPath));
  await load(bareUrl, requests.slice(0, 50).map(floorPath));
  const baseline = await load(bareUrl, requests.map(barePath));
  const floor = await load(bareUrl, requests.map(floorPath));
  const measured = await load(platformUrl, requests.map(trpcPath));
  const cache = platform.publicCache.stats();

  await bare.close();
  await platform.stop();
  await database.close();
  return {
    scenario: 'public-list',
    engine: url ? 'postgres' : 'pglite',
    bases: baseRows.length,
    resources: RESOURCES,
    connections: CONNECTIONS,
    seconds: SECONDS,
    rps: Math.round(measured.rps),
    p50_ms: measured.p50_ms,
    p99_ms: measured.p99_ms,
    errors: measured.errors,
    baseline_rps: Math.round(baseline.rps),
    baseline_p99_ms: baseline.p99_ms,
    throughput_ratio: Math.round((measured.rps / baseline.rps) * 100) / 100,
    floor_rps: Math.round(floor.rps),
    floor_p99_ms: floor.p99_ms,
    ratio_to_floor: Math.round((measured.rps / floor.rps) * 100) / 100,
    public_cache: cache,
    bar: { throughput_ratio: 0.9, p99_ms: 25 },
  };
}
