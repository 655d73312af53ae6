import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Services accept either, so a caller can compose them inside one transaction. */
export type DbOrTx = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL server's URL (postgres only): what a replica needs to open a session of its own. */
  url?: string;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export type DatabaseOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  maxConnections?: number;
};

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client, schema, casing: 'snake_case' }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      url: options.url,
      // Replicas starting together take turns: the migrator itself does not lock.
      migrate: async () => {
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(7238002)`;
          await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await lock`select pg_advisory_unlock(7238002)`;
          lock.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm is loaded for search (partial Latin words, typos); `create extension` still enables it.
  const client = new PGlite({ dataDir: options.dataDir, extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** What is kept of a driver error (postgres.js, PGlite): never `parameters`, `detail` or `where`, which hold values. */
const KEPT_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'routine', 'schema'] as const;

/** SQLSTATE class 22 (data exception): PostgreSQL quotes the offending value in the message. */
const isDataException = (error: Record<string, unknown>) => typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code);

/**
 * A copy of an error, and of its causes, fit for the log: a failed query keeps its SQL (placeholders
 * only) and its SQLSTATE, never its bound values. Drizzle writes the values into the message itself.
 */
export function redactQueryError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return error;
  if (!(error instanceof Error) || depth > 5) return '(cause omitted)';
  const source = error as Error & Record<string, unknown>;
  const cause = error.cause === undefined ? undefined : redactQueryError(error.cause, depth + 1);
  // tRPC copies an unknown cause's message into its own error.
  const message =
    typeof source.query === 'string' && 'params' in source
      ? `Failed query: ${source.query}`
      : error.cause instanceof Error && cause instanceof Error && error.message === error.cause.message
        ? cause.message
        : isDataException(source)
          ? error.message.replace(/"[^"]*"/g, '"…"')
          : error.message;
  const copy = new Error(message) as Error & Record<string, unknown>;
  copy.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  copy.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  for (const field of KEPT_FIELDS) if (source[field] !== undefined) copy[field] = source[field];
  if (cause !== undefined) copy.cause = cause;
  return copy;
}
