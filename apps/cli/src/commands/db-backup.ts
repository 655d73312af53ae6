import { statSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase } from '@ssb/db/backup';
import { formatBytes, parse, UsageError, withDatabase, type Command } from '../cli.ts';

/** 2026-03-05T08:09:10.123Z → 20260305-080910 */
const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');

export const dbBackup: Command = {
  name: 'db:backup',
  summary: '备份全部数据到一个文件 / write every table to one JSON Lines file (gzip for .gz)',
  usage: 'db:backup [file]   (default: $DATA_DIR/backups/ssb-<UTC timestamp>.jsonl.gz; an existing file is never overwritten)',
  async run(argv, ctx) {
    const { positionals } = parse(argv, {}, true);
    if (positionals.length > 1) throw new UsageError('至多一个文件名 / at most one file name');
    const file = positionals[0]
      ? ctx.resolvePath(positionals[0])
      : join(ctx.env.DATA_DIR, 'backups', `ssb-${stamp(new Date())}.jsonl.gz`);
    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    const summary = await withDatabase(ctx, ({ db }) => backupDatabase(db, file));
    const { header } = summary;
    ctx.out(`已备份 / backup written: ${summary.file}`);
    ctx.out(
      `  ${summary.totalRows} rows in ${header.tables.length} tables, ${formatBytes(statSync(summary.file).size)}` +
        `${summary.file.endsWith('.gz') ? ` (${formatBytes(summary.bytes)} uncompressed)` : ''}; ` +
        `migration ${header.migrations.lastTag ?? '?'} (${header.migrations.count})`,
    );
    for (const t of header.tables) if (t.rows > 0) ctx.out(`    ${t.name.padEnd(24)} ${String(t.rows).padStart(8)}`);
  },
};
