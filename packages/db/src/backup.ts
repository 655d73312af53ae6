/**
 * Portable logical backups: every table of the Drizzle schema as JSON Lines (gzip when the file
 * name ends in .gz), readable and restorable on PGlite and on PostgreSQL alike.
 *
 * Layout, one JSON value per line:
 *   {"format":"ssb-backup","version":1,"createdAt":…,"engine":…,"migrations":{…},"tables":[…]}
 *   {"table":"districts","rows":16}
 *   {…one row, exactly as PostgreSQL's to_jsonb(row) prints it…}   × 16
 *   {"table":"organizations","rows":6}
 *   …
 *   {"end":true,"tables":12,"rows":345}
 *
 * Rows are produced by PostgreSQL (`to_jsonb(t)::text`, session time zone UTC) and read back by
 * PostgreSQL (`jsonb_populate_recordset`), and never pass through JavaScript values, so
 * timestamps keep their microseconds, bigints and numerics keep every digit, and jsonb, uuid,
 * booleans and nulls come back as they were. (A jsonb column holding the JSON value `null` is the
 * one thing this cannot tell apart from SQL NULL; no column in the schema allows either.)
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { MIGRATIONS_FOLDER, rowsOf, type DbOrTx } from './client.ts';
import * as schema from './schema/index.ts';

export const BACKUP_FORMAT = 'ssb-backup';
export const BACKUP_VERSION = 1;

/** Rows per INSERT, and at most this many characters of JSON in one statement's parameter. */
const INSERT_BATCH_ROWS = 500;
const INSERT_BATCH_CHARS = 4_000_000;
/** Rows per FETCH while reading a table. */
const READ_PAGE_ROWS = 2000;

export type BackupTableInfo = { name: string; columns: string[]; rows: number };

export type BackupMigrations = {
  /** Migrations applied to the database the backup was taken from. */
  count: number;
  /** Tag of the last one (e.g. "0001_audit_append_only"), from the journal; null if unknown. */
  lastTag: string | null;
  /** Its sha256 as drizzle records it, so restore can check the target has it too. */
  lastHash: string | null;
  lastCreatedAt: number | null;
};

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  migrations: BackupMigrations;
  tables: BackupTableInfo[];
};

export type BackupSummary = { file: string; header: BackupHeader; totalRows: number; bytes: number };
export type RestoreSummary = { file: string; header: BackupHeader; totalRows: number; sequences: string[] };

export class BackupError extends Error {
  override name = 'BackupError';
}

// ---------------------------------------------------------------------------------------------
// Schema introspection

type AppTable = {
  name: string;
  schema: string;
  dependsOn: string[];
  /** Has a foreign key to itself: its rows go in one INSERT, which PostgreSQL checks as a whole. */
  selfReferencing: boolean;
};

const qi = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (t: { name: string; schema: string }) => `${qi(t.schema)}.${qi(t.name)}`;

/**
 * Every table of the Drizzle schema, parents before children (a table comes after every table
 * its foreign keys point at), ties broken by name so the order is stable.
 */
export function applicationTables(): AppTable[] {
  const byName = new Map<string, AppTable>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const deps = new Set<string>();
    let selfReferencing = false;
    for (const fk of config.foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable).name;
      if (target === config.name) selfReferencing = true;
      else deps.add(target);
    }
    byName.set(config.name, {
      name: config.name,
      schema: config.schema ?? 'public',
      dependsOn: [...deps].sort(),
      selfReferencing,
    });
  }
  const ordered: AppTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new BackupError(`foreign-key cycle between tables: ${[...path, name].join(' → ')}`);
    const table = byName.get(name);
    if (!table) throw new BackupError(`table ${name} is referenced but not in the schema`);
    state.set(name, 'visiting');
    for (const dep of table.dependsOn) visit(dep, [...path, name]);
    state.set(name, 'done');
    ordered.push(table);
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return ordered;
}

type TableShape = { columns: string[]; primaryKey: string[]; serials: Array<{ column: string; sequence: string }> };

/** Columns (without generated ones), primary key and owned sequences, as the database has them. */
async function describeTable(db: DbOrTx, table: AppTable): Promise<TableShape> {
  const rel = qualified(table);
  const columns = rowsOf<{ name: string; pk: boolean; sequence: string | null }>(
    await db.execute(sql`
      select a.attname as name,
             coalesce(a.attnum = any(i.indkey), false) as pk,
             pg_get_serial_sequence(${rel}, a.attname) as sequence
      from pg_attribute a
      left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
      where a.attrelid = ${rel}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by a.attnum`),
  );
  if (columns.length === 0) throw new BackupError(`table ${table.name} has no columns — is the database migrated?`);
  // indkey order is the primary key's column order; pg_index.indkey is an int2vector, so ask for it as text.
  const pkOrder = rowsOf<{ name: string }>(
    await db.execute(sql`
      select a.attname as name
      from pg_index i
      cross join lateral unnest(string_to_array(i.indkey::text, ' ')::int2[]) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = ${rel}::regclass and i.indisprimary
      order by k.ord`),
  ).map((r) => r.name);
  return {
    columns: columns.map((c) => c.name),
    primaryKey: pkOrder, // empty: no primary key; rows are then read in physical order
    serials: columns.filter((c) => c.sequence).map((c) => ({ column: c.name, sequence: c.sequence! })),
  };
}

type Journal = { entries: Array<{ idx: number; when: number; tag: string }> };

function readJournal(): Journal {
  try {
    return JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
  } catch {
    return { entries: [] };
  }
}

type AppliedMigration = { hash: string; createdAt: number };

async function appliedMigrations(db: DbOrTx): Promise<AppliedMigration[]> {
  const exists = rowsOf<{ found: boolean }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`),
  )[0]?.found;
  if (!exists) return [];
  return rowsOf<{ hash: string; created_at: string | number }>(
    await db.execute(sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`),
  ).map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

async function migrationInfo(db: DbOrTx): Promise<BackupMigrations> {
  const applied = await appliedMigrations(db);
  const last = applied.at(-1);
  const tag = last ? (readJournal().entries.find((e) => e.when === last.createdAt)?.tag ?? null) : null;
  return { count: applied.length, lastTag: tag, lastHash: last?.hash ?? null, lastCreatedAt: last?.createdAt ?? null };
}

function engineOf(db: DbOrTx): string {
  // Not needed for correctness; recorded so an operator can see where a backup came from.
  const session = (db as unknown as { session?: { constructor?: { name?: string } } }).session;
  const name = session?.constructor?.name ?? '';
  if (/pglite/i.test(name)) return 'pglite';
  if (/postgres/i.test(name)) return 'postgres';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Files

async function isGzipFile(file: string) {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

class LineWriter {
  private bytes = 0;
  constructor(
    private readonly out: Writable,
    private readonly file: Writable,
  ) {}
  static create(path: string, gzip: boolean) {
    // Password hashes and personal data: readable by the owner only.
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    if (!gzip) return new LineWriter(file, file);
    const zip = createGzip();
    zip.pipe(file);
    file.on('error', (error) => zip.destroy(error)); // e.g. disk full: fail the pending write, never hang
    return new LineWriter(zip, file);
  }
  async write(line: string) {
    this.bytes += Buffer.byteLength(line) + 1;
    if (!this.out.write(`${line}\n`)) await once(this.out, 'drain');
  }
  async end() {
    this.out.end();
    await finished(this.file);
    return this.bytes;
  }
  destroy() {
    this.out.destroy();
    this.file.destroy();
  }
}

async function* readLines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const input: Readable = (await isGzipFile(file)) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => input.destroy(e));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield line;
  } finally {
    lines.close();
    raw.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * Writes every application table to `file` (gzip when it ends in .gz) from one consistent
 * snapshot. The file is written next to its final name and renamed when complete, so a failed
 * backup never leaves a truncated file behind.
 */
export async function backupDatabase(
  db: DbOrTx,
  file: string,
  options: {
    /** Reads more in the backup's own snapshot (e.g. the files its rows name), after the rows are written. */
    alsoInSnapshot?: (tx: DbOrTx) => Promise<void>;
  } = {},
): Promise<BackupSummary> {
  const tables = applicationTables();
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose another name`);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial-${process.pid}`;
  const writer = LineWriter.create(partial, file.endsWith('.gz'));
  try {
    const result = await db.transaction(
      async (tx) => {
        await tx.execute(sql`set local time zone 'UTC'`);
        const shapes = new Map<string, TableShape>();
        const infos: BackupTableInfo[] = [];
        for (const table of tables) {
          const shape = await describeTable(tx, table);
          shapes.set(table.name, shape);
          const count = rowsOf<{ n: string | number }>(
            await tx.execute(sql.raw(`select count(*)::text as n from ${qualified(table)}`)),
          )[0]?.n;
          infos.push({ name: table.name, columns: shape.columns, rows: Number(count ?? 0) });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          engine: engineOf(db),
          migrations: await migrationInfo(tx),
          tables: infos,
        };
        await writer.write(JSON.stringify(header));
        let totalRows = 0;
        for (const [i, table] of tables.entries()) {
          const shape = shapes.get(table.name)!;
          const info = infos[i]!;
          await writer.write(JSON.stringify({ table: table.name, rows: info.rows }));
          const cols = shape.columns.map(qi).join(', ');
          const order = shape.primaryKey.length ? shape.primaryKey.map(qi).join(', ') : 'ctid';
          let written = 0;
          // A cursor reads the table in pages without OFFSET's rescans. Only the stored columns are
          // projected, so generated columns stay out of the file.
          await tx.execute(
            sql.raw(
              `declare ssb_backup no scroll cursor for select to_jsonb(r)::text as j from ` +
                `(select ${cols} from ${qualified(table)} order by ${order}) r`,
            ),
          );
          for (;;) {
            const page = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch ${READ_PAGE_ROWS} from ssb_backup`)));
            for (const row of page) await writer.write(row.j);
            written += page.length;
            if (page.length < READ_PAGE_ROWS) break;
          }
          await tx.execute(sql.raw('close ssb_backup'));
          if (written !== info.rows) throw new BackupError(`table ${table.name}: counted ${info.rows} rows but read ${written}`);
          totalRows += written;
        }
        await writer.write(JSON.stringify({ end: true, tables: tables.length, rows: totalRows }));
        await options.alsoInSnapshot?.(tx);
        return { header, totalRows };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const bytes = await writer.end();
    await rename(partial, file);
    return { file, header: result.header, totalRows: result.totalRows, bytes };
  } catch (error) {
    writer.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

/** Reads and checks a backup's header line without restoring anything. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) return parseHeader(line, file);
  throw new BackupError(`${file} is empty`);
}

function parseHeader(line: string, file: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new BackupError(`${file} is not an ssb backup (first line is not JSON)`);
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not an ssb backup (format ${String(header.format)})`);
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`${file} is backup format version ${header.version}; this version reads ${BACKUP_VERSION}`);
  }
  return header;
}

/** Tables of the schema that have rows, with their counts. */
export async function nonEmptyTables(db: DbOrTx): Promise<Array<{ name: string; rows: number }>> {
  const found: Array<{ name: string; rows: number }> = [];
  for (const table of applicationTables()) {
    const n = rowsOf<{ n: string | number }>(
      await db.execute(sql.raw(`select count(*)::text as n from ${qualified(table)}`)),
    )[0]?.n;
    if (Number(n) > 0) found.push({ name: table.name, rows: Number(n) });
  }
  return found;
}

/**
 * Restores `file` into an empty, migrated database in one transaction: checks that the target
 * has the backup's migrations and no rows in any application table, inserts parents before
 * children in batches, then moves every serial sequence past the restored rows.
 */
export async function restoreDatabase(db: DbOrTx, file: string): Promise<RestoreSummary> {
  const lines = readLines(file);
  const first = await lines.next();
  if (first.done) throw new BackupError(`${file} is empty`);
  const header = parseHeader(first.value, file);

  const applied = await appliedMigrations(db);
  if (applied.length === 0) throw new BackupError('the target database has no migrations applied — run db:migrate first');
  if (header.migrations.lastHash && !applied.some((m) => m.hash === header.migrations.lastHash)) {
    throw new BackupError(
      `the backup was taken at migration ${header.migrations.lastTag ?? header.migrations.lastHash} ` +
        `(${header.migrations.count} applied), which the target database does not have — ` +
        'run db:migrate with the same or a newer version of the platform first',
    );
  }

  const tables = applicationTables();
  const known = new Map(tables.map((t) => [t.name, t]));
  for (const info of header.tables) {
    if (!known.has(info.name)) throw new BackupError(`the backup has table ${info.name}, which this version does not know`);
  }

  return db.transaction(async (tx) => {
    const busy = await nonEmptyTables(tx);
    if (busy.length) {
      throw new BackupError(
        `restore needs an empty database, but these tables have rows: ${busy.map((b) => `${b.name} (${b.rows})`).join(', ')} ` +
          '— restore into a new DATA_DIR or a newly created PostgreSQL database',
      );
    }
    const shapes = new Map<string, TableShape>();
    for (const table of tables) shapes.set(table.name, await describeTable(tx, table));
    for (const info of header.tables) {
      const have = new Set(shapes.get(info.name)!.columns);
      const missing = info.columns.filter((c) => !have.has(c));
      if (missing.length) throw new BackupError(`table ${info.name} has no column(s) ${missing.join(', ')} in the target database`);
    }

    // Sections must come parents first (the writer uses the schema's order); checked below.
    const restored = new Set<string>();
    let totalRows = 0;
    let current: { info: BackupTableInfo; table: AppTable; seen: number } | undefined;
    let batch: string[] = [];
    let batchChars = 0;
    let ended = false;

    const flush = async () => {
      if (!current || batch.length === 0) return;
      const cols = current.info.columns.map(qi).join(', ');
      const rel = qualified(current.table);
      await tx.execute(
        sql`${sql.raw(`insert into ${rel} (${cols}) overriding system value select ${cols} from jsonb_populate_recordset(null::${rel}, `)}${`[${batch.join(',')}]`}::text::jsonb)`,
      );
      batch = [];
      batchChars = 0;
    };
    const closeSection = async () => {
      if (!current) return;
      await flush();
      if (current.seen !== current.info.rows) {
        throw new BackupError(`table ${current.info.name}: the backup promises ${current.info.rows} rows but holds ${current.seen} — truncated file?`);
      }
      restored.add(current.info.name);
      totalRows += current.seen;
      current = undefined;
    };

    for await (const line of lines) {
      if (ended) throw new BackupError('data after the end marker');
      if (current && current.seen < current.info.rows) {
        batch.push(line);
        batchChars += line.length;
        current.seen++;
        // A non-deferrable foreign key is checked at the end of each statement, so a table that
        // references itself is inserted in one statement, whatever the order of its rows.
        if (!current.table.selfReferencing && (batch.length >= INSERT_BATCH_ROWS || batchChars >= INSERT_BATCH_CHARS)) {
          await flush();
        }
        continue;
      }
      await closeSection();
      let marker: { table?: string; rows?: number; end?: boolean };
      try {
        marker = JSON.parse(line) as typeof marker;
      } catch {
        throw new BackupError(`unreadable line in ${file}: ${line.slice(0, 80)}`);
      }
      if (marker.end) {
        ended = true;
        continue;
      }
      const info = header.tables.find((t) => t.name === marker.table);
      const table = marker.table ? known.get(marker.table) : undefined;
      if (!info || !table) throw new BackupError(`unexpected section ${String(marker.table)} in ${file}`);
      if (restored.has(info.name)) throw new BackupError(`table ${info.name} appears twice in ${file}`);
      for (const dep of table.dependsOn) {
        if (header.tables.some((t) => t.name === dep) && !restored.has(dep)) {
          throw new BackupError(`table ${info.name} comes before ${dep}, which it references`);
        }
      }
      current = { info, table, seen: 0 };
    }
    await closeSection();
    if (!ended) throw new BackupError(`${file} has no end marker — the backup is incomplete`);
    const missing = header.tables.filter((t) => !restored.has(t.name));
    if (missing.length) throw new BackupError(`${file} lacks the rows of ${missing.map((t) => t.name).join(', ')}`);

    // Serial/identity sequences continue after the largest restored value (audit_log.seq).
    const sequences: string[] = [];
    for (const table of tables) {
      for (const serial of shapes.get(table.name)!.serials) {
        await tx.execute(
          sql.raw(
            `select setval('${serial.sequence.replace(/'/g, "''")}', coalesce((select max(${qi(serial.column)}) from ${qualified(table)}), 0) + 1, false)`,
          ),
        );
        sequences.push(serial.sequence);
      }
    }
    return { file, header, totalRows, sequences };
  });
}
