import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE_CONTROL } from './public-cache.ts';
import { createServer } from './server.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;

describe('public reads: ETag of the data generation, 304, answers kept in memory', () => {
  let database: DatabaseHandle;
  let platform: Platform;
  let baseId: string;
  const directory = `/trpc/bases.directory?input=${encodeURIComponent(JSON.stringify({ page: 1, pageSize: 20 }))}`;
  const get = (url: string, headers: Record<string, string> = {}) => platform.server.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    database = createDatabase({});
    await database.migrate();
    await seedReferenceData(database.db);
    const organization = await seedOrganization(database.db, { name: '缓存测试单位' });
    const [base] = await database.db
      .insert(schema.bases)
      .values({ number: '京科精基地-2022-951', organizationId: organization.id, name: '缓存科技馆', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' })
      .returning();
    baseId = base!.id;
    platform = await createServer({ database, env: { LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: false } });
    for (let i = 0; i < 100 && platform.publicCache.generation() === null; i++) {
      await platform.publicCache.refresh();
      if (platform.publicCache.generation() === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('sends Cache-Control and an ETag, no cookie, and answers a repeat from memory', async () => {
    expect(platform.publicCache.generation()).not.toBeNull();
    const first = await get(directory);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    expect(first.headers.etag).toMatch(/^W\/".+"$/);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.json().result.data.items.map((b: { name: string }) => b.name)).toEqual(['缓存科技馆']);
    const hits = platform.publicCache.stats().hits;
    const again = await get(directory, { cookie: 'ssb_session=whatever' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(platform.publicCache.stats().hits).toBe(hits + 1);
  });

  it('answers If-None-Match with 304 while the data has not changed', async () => {
    const { headers } = await get(directory);
    const revalidated = await get(directory, { 'if-none-match': String(headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(headers.etag);
    expect((await get(directory, { 'if-none-match': 'W/"other"' })).statusCode).toBe(200);
  });

  it('moves to a new ETag and fresh data once the register changes', async () => {
    const before = await get(directory);
    await database.db.update(schema.bases).set({ name: '缓存科技馆（新名）', version: sql`${schema.bases.version} + 1`, updatedAt: new Date() }).where(eq(schema.bases.id, baseId));
    await platform.publicCache.refresh();
    const after = await get(directory, { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().result.data.items[0].name).toBe('缓存科技馆（新名）');
  });

  it('caches only the public queries it names', async () => {
    const other = await get('/trpc/reference.districts');
    expect(other.headers.etag).toBeUndefined();
  });
});
