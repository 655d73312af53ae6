import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileStore } from '@ssb/storage';
import { CliError, formatBytes, parse, UsageError, withDatabase, type Command, type Context } from '../cli.ts';
import type { FileProblem } from '../platform-backup.ts';

/** 2026-03-05T08:09:10.123Z → 20260305-080910 */
const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');

async function storeFor(ctx: Context, name: string | undefined): Promise<FileStore> {
  const { createFileStore, createLocalStore, createS3Store } = await import('@ssb/server/file-store');
  if (name === undefined) return createFileStore(ctx.env);
  if (name === 'local') return createLocalStore(ctx.env);
  if (name === 's3') {
    const store = createS3Store(ctx.env);
    if (!store) throw new UsageError('未设置 S3_ENDPOINT / S3_ENDPOINT (and S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY) must name the S3 store');
    return store;
  }
  throw new UsageError(`未知的存储 / unknown store "${name}": local or s3`);
}

function printProblems(ctx: Context, problems: FileProblem[]) {
  for (const p of problems) {
    const detail = p.problem === 'missing' ? '缺失 missing' : `${p.problem === 'size' ? '大小不符 size' : '内容被改动 sha256'}: expected ${p.expected}, found ${p.found}`;
    ctx.err(`  ${p.key} (${p.what}) — ${detail}`);
  }
}

export const backup: Command = {
  name: 'backup',
  summary: '平台备份：数据库与全部文件写入一个归档 / back up the database and every stored file into one tar archive; exit 1 if a file the database names is not in it as recorded',
  usage: 'backup [file] [--store local|s3]   (default: $DATA_DIR/backups/ssb-platform-<UTC timestamp>.tar; the store the server uses; never overwrites)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { store: { type: 'string' } }, true);
    if (positionals.length > 1) throw new UsageError('至多一个文件名 / at most one file name');
    const file = positionals[0] ? ctx.resolvePath(positionals[0]) : join(ctx.env.DATA_DIR, 'backups', `ssb-platform-${stamp(new Date())}.tar`);
    const store = await storeFor(ctx, values.store);
    await store.check();
    ctx.err(`数据库 database: ${ctx.describeDatabase()}; 存储 store: ${store.kind}`);
    const { backupPlatform } = await import('../platform-backup.ts');
    const report = await withDatabase(ctx, (handle) =>
      backupPlatform(handle, store, file, {
        tempDir: join(ctx.env.DATA_DIR, 'tmp'),
        onFile: (n) => {
          if (n % 500 === 0) ctx.err(`  已归档 files ${n}`);
        },
      }),
    );
    ctx.out(JSON.stringify({ file: report.file, rows: report.manifest.database.rows, tables: report.manifest.database.tables, files: report.files, fileBytes: report.fileBytes, problems: report.problems.length }));
    ctx.err(`已备份 / backup written: ${report.file} (${formatBytes(statSync(report.file).size)}): ${report.manifest.database.rows} rows, ${report.files} files (${formatBytes(report.fileBytes)})`);
    printProblems(ctx, report.problems);
    return report.problems.length === 0 ? 0 : 1;
  },
};

export const restore: Command = {
  name: 'restore',
  summary: '从平台备份恢复数据库与文件到空的安装 / restore a platform backup (database and files) onto an empty installation, then check every file; exit 1 on a problem',
  usage: 'restore <file> [--store local|s3]   (migrates first; refuses a database with rows or a store with files)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { store: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('需要一个备份文件 / exactly one backup file is required');
    const file = ctx.resolvePath(positionals[0]!);
    if (!existsSync(file)) throw new CliError(`文件不存在 / no such file: ${file}`);
    const store = await storeFor(ctx, values.store);
    await store.check();
    ctx.err(`数据库 database: ${ctx.describeDatabase()}; 存储 store: ${store.kind}`);
    const { restorePlatform } = await import('../platform-backup.ts');
    const report = await withDatabase(ctx, (handle) =>
      restorePlatform(handle, store, file, {
        tempDir: join(ctx.env.DATA_DIR, 'tmp'),
        onFile: (n) => {
          if (n % 500 === 0) ctx.err(`  已恢复 files ${n}`);
        },
      }),
    ).catch((error: Error) => {
      throw new CliError(`恢复失败 / restore failed: ${error.message}`);
    });
    ctx.out(JSON.stringify({ rows: report.rows, files: report.files, fileBytes: report.fileBytes, damaged: report.damaged.length, checked: report.checked, problems: report.problems.length }));
    ctx.err(`已恢复 / restored: ${report.rows} rows, ${report.files} files (${formatBytes(report.fileBytes)}) from a backup of ${report.manifest.createdAt}; checked ${report.checked} named files`);
    for (const key of report.damaged) ctx.err(`  ${key} — 归档中的文件已损坏 / differs from the checksum the backup wrote`);
    printProblems(ctx, report.problems);
    return report.problems.length === 0 && report.damaged.length === 0 ? 0 : 1;
  },
};
