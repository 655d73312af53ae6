import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { loadEnv, type Env } from '@ssb/server/env';

/** A failure the operator should read: printed without a stack trace, exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments: exit code 2, with the command's usage printed after the message. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export type Output = { out: (line: string) => void; err: (line: string) => void };

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code (0 when omitted). */
  run: (argv: string[], ctx: Context) => Promise<number | void>;
};

export type Context = Output & {
  /** The directory the operator ran the command from; relative file arguments start here. */
  cwd: string;
  env: Env;
  resolvePath: (path: string) => string;
  /** Opens the database the server would open with this environment; closed after the command. */
  openDatabase: () => DatabaseHandle;
  describeDatabase: () => string;
  /** Skip the check that no server holds the PGlite directory (--no-server-check). */
  skipServerCheck: boolean;
};

/**
 * `pnpm cli …` runs this script in apps/cli; pnpm records where it was started in INIT_CWD. The
 * root script calls pnpm again, so INIT_CWD is the repository root in that case. Run directly
 * (node/tsx), the process's own directory is the operator's.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.npm_lifecycle_event && env.INIT_CWD) return env.INIT_CWD;
  return process.cwd();
}

export function createContext(
  output: Output,
  processEnv: NodeJS.ProcessEnv = process.env,
  options: { skipServerCheck?: boolean } = {},
): Context {
  const cwd = invocationDir(processEnv);
  const resolvePath = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  let env: Env;
  try {
    env = loadEnv(processEnv);
  } catch (error) {
    throw new CliError(`环境变量无效 / ${(error as Error).message}`);
  }
  env = { ...env, DATA_DIR: resolvePath(env.DATA_DIR) };
  const pgliteDir = join(env.DATA_DIR, 'pglite');
  return {
    ...output,
    cwd,
    env,
    resolvePath,
    openDatabase: () => createDatabase({ url: env.DATABASE_URL, dataDir: pgliteDir }),
    describeDatabase: () => (env.DATABASE_URL ? `PostgreSQL ${redactUrl(env.DATABASE_URL)}` : `PGlite ${pgliteDir}`),
    skipServerCheck: options.skipServerCheck ?? false,
  };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(url: string) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** parseArgs with strict checking, turning its errors into usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * PGlite is a single-process database: opening its directory while the server has it open can
 * corrupt it. The server answers /readyz with its database kind, so ask before opening.
 */
export async function ensureNoServerOnPglite(ctx: Context) {
  if (ctx.env.DATABASE_URL || ctx.skipServerCheck || !ctx.env.PORT) return;
  let body: { database?: string } | undefined;
  try {
    const response = await fetch(`http://127.0.0.1:${ctx.env.PORT}/readyz`, { signal: AbortSignal.timeout(1500) });
    body = (await response.json()) as { database?: string };
  } catch {
    return; // nothing listening, or not our server
  }
  if (body?.database === 'pglite') {
    throw new CliError(
      [
        `服务正在运行（端口 ${ctx.env.PORT}），请先停止服务 / the server is running on port ${ctx.env.PORT} with PGlite.`,
        'PGlite allows one process at a time: stop the server, run this command, then start it again.',
        'If that server uses another DATA_DIR, add --no-server-check.',
      ].join('\n'),
    );
  }
}

/** Opens the database, runs `fn`, and always closes it. */
export async function withDatabase<T>(ctx: Context, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  await ensureNoServerOnPglite(ctx);
  const handle = ctx.openDatabase();
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
