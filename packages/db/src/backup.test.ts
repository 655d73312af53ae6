import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationTables,
  backupDatabase,
  BackupError,
  readBackupHeader,
  restoreDatabase,
  type BackupHeader,
} from './backup.ts';
import { rowsOf, type DatabaseHandle, type DbOrTx } from './client.ts';
import { auditLog, notifications, users } from './schema/index.ts';
import { seedDemo } from './seed/index.ts';
import { createTestDatabase, TEST_ENGINES } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssb-backup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every table's rows as PostgreSQL prints them (UTC), in primary-key order. */
async function snapshot(db: DbOrTx): Promise<Record<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const table of applicationTables()) {
      const rel = `"${table.schema}"."${table.name}"`;
      const pk = rowsOf<{ name: string }>(
        await tx.execute(sql`
          select a.attname as name from pg_index i
          cross join lateral unnest(string_to_array(i.indkey::text, ' ')::int2[]) with ordinality as k(attnum, ord)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where i.indrelid = ${rel}::regclass and i.indisprimary order by k.ord`),
      ).map((r) => `"${r.name}"`);
      const rows = rowsOf<{ j: string }>(
        await tx.execute(sql.raw(`select to_jsonb(t)::text as j from ${rel} t order by ${pk.length ? pk.join(', ') : 'j'}`)),
      );
      out[table.name] = rows.map((r) => r.j);
    }
    return out;
  });
}

/** Demo data plus rows that exercise the awkward types: microseconds, nested jsonb, nulls, big sequences. */
async function seedEverything(db: DbOrTx) {
  await seedDemo(db);
  const [user] = await db.select().from(users).limit(1);
  await db.execute(sql`update users set locked_until = '2030-01-02 03:04:05.123456+08', last_login_at = null where id = ${user!.id}`);
  await db.insert(auditLog).values([
    {
      at: new Date('2022-03-23T08:00:00.123Z'),
      actorUserId: user!.id,
      action: 'user.login',
      entityType: 'user',
      entityId: user!.id,
      data: { ip: '127.0.0.1', nested: { list: [1, 2.5, 'three', null, true], empty: {} }, 中文: '科学家精神' },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    },
    {
      at: new Date('2022-03-23T08:00:01.000Z'),
      actorUserId: null,
      action: 'system.note',
      entityType: 'system',
      entityId: null,
      data: { big: Number.MAX_SAFE_INTEGER, quote: 'he said "hi"\nnewline\\backslash' },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
  ]);
  await db.insert(notifications).values({ userId: user!.id, title: '通知', body: 'line 1\nline 2', link: null });
}

describe.each(TEST_ENGINES)('backup and restore on %s', (engine) => {
  let source: DatabaseHandle;
  let target: DatabaseHandle;
  let file: string;
  let header: BackupHeader;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
    await seedEverything(source.db);
  }, 300_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('writes a gzip JSON Lines file with a header, one section per table and an end marker', async () => {
    file = join(dir, `${engine}.jsonl.gz`);
    const summary = await backupDatabase(source.db, file);
    header = summary.header;
    expect(statSync(file).mode & 0o777).toBe(0o600); // password hashes inside: owner only
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'ssb-backup', version: 1 });
    expect(header.migrations.count).toBeGreaterThanOrEqual(2);
    expect(header.migrations.lastTag).toMatch(/^\d{4}_/);
    expect(header.tables.map((t) => t.name)).toEqual(applicationTables().map((t) => t.name));
    // Parents first: districts before recommending_bodies, organizations before users' memberships.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('districts')).toBeLessThan(order.indexOf('recommending_bodies'));
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('memberships'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('memberships'));
    expect(header.tables.find((t) => t.name === 'audit_log')?.rows).toBe(2);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, tables: header.tables.length, rows: summary.totalRows });
    expect(lines).toHaveLength(1 + header.tables.length + summary.totalRows + 1);
    expect(await readBackupHeader(file)).toEqual(header);
  });

  it('restores into an empty database with every row identical', async () => {
    const summary = await restoreDatabase(target.db, file);
    expect(summary.totalRows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));
    const [before, after] = [await snapshot(source.db), await snapshot(target.db)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
    // Exact types through Drizzle too: Dates, jsonb objects, numbers for bigserial.
    expect(await target.db.select().from(auditLog).orderBy(auditLog.seq)).toEqual(
      await source.db.select().from(auditLog).orderBy(auditLog.seq),
    );
    const micro = rowsOf<{ t: string }>(await target.db.execute(sql`select locked_until::text as t from users where locked_until is not null`));
    expect(micro[0]?.t).toMatch(/\.123456/);
  });

  it('continues the audit sequence after the restored rows', async () => {
    const [row] = await target.db
      .insert(auditLog)
      .values({ at: new Date(), action: 'after.restore', entityType: 'test', data: {}, prevHash: 'b'.repeat(64), hash: 'c'.repeat(64) })
      .returning();
    const max = Math.max(...(await source.db.select({ seq: auditLog.seq }).from(auditLog)).map((r) => r.seq));
    expect(row!.seq).toBe(max + 1);
  });

  it('refuses to restore into a database that has rows', async () => {
    await expect(restoreDatabase(source.db, file)).rejects.toThrow(/empty database.*tables have rows/);
    await expect(restoreDatabase(source.db, file)).rejects.toBeInstanceOf(BackupError);
  });

  it('writes plain JSON Lines when the name does not end in .gz, and rejects a truncated file', async () => {
    const plain = join(dir, `${engine}.jsonl`);
    await backupDatabase(source.db, plain);
    const lines = readFileSync(plain, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!).format).toBe('ssb-backup');
    const truncated = join(dir, `${engine}-truncated.jsonl`);
    writeFileSync(truncated, `${lines.slice(0, -5).join('\n')}\n`);
    const empty = await createTestDatabase(engine);
    try {
      await expect(restoreDatabase(empty.db, truncated)).rejects.toThrow(/truncated|incomplete/);
      // The failed restore rolled back: the database is still empty and a good file restores.
      expect((await snapshot(empty.db)).users).toEqual([]);
      await restoreDatabase(empty.db, plain);
      expect(await snapshot(empty.db)).toEqual(await snapshot(source.db));
    } finally {
      await empty.close();
    }
  }, 180_000);

  it('does not overwrite an existing file', async () => {
    await expect(backupDatabase(source.db, file)).rejects.toThrow(/already exists/);
  });
});

describe.skipIf(!TEST_ENGINES.includes('postgres'))('cross-engine round trip', () => {
  it('moves a PGlite database to PostgreSQL and back unchanged', async () => {
    const pglite = await createTestDatabase('pglite');
    const postgres = await createTestDatabase('postgres');
    const back = await createTestDatabase('pglite');
    try {
      await seedEverything(pglite.db);
      const there = join(dir, 'pglite-to-postgres.jsonl.gz');
      await backupDatabase(pglite.db, there);
      await restoreDatabase(postgres.db, there);
      const original = await snapshot(pglite.db);
      expect(await snapshot(postgres.db)).toEqual(original);
      const home = join(dir, 'postgres-to-pglite.jsonl.gz');
      const summary = await backupDatabase(postgres.db, home);
      expect(summary.header.engine).toBe('postgres');
      await restoreDatabase(back.db, home);
      expect(await snapshot(back.db)).toEqual(original);
    } finally {
      await Promise.all([pglite.close(), postgres.close(), back.close()]);
    }
  }, 300_000);
});
