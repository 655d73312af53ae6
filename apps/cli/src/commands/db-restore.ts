import { existsSync } from 'node:fs';
import { restoreDatabase } from '@ssb/db/backup';
import { CliError, parse, UsageError, withDatabase, type Command } from '../cli.ts';

export const dbRestore: Command = {
  name: 'db:restore',
  summary: '从备份文件恢复到空数据库 / restore a backup into an empty database',
  usage: 'db:restore <file>   (applies migrations first; refuses if any table already has rows)',
  async run(argv, ctx) {
    const { positionals } = parse(argv, {}, true);
    if (positionals.length !== 1) throw new UsageError('需要一个备份文件 / exactly one backup file is required');
    const file = ctx.resolvePath(positionals[0]!);
    if (!existsSync(file)) throw new CliError(`文件不存在 / no such file: ${file}`);
    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    const summary = await withDatabase(ctx, async ({ db, migrate }) => {
      await migrate();
      return restoreDatabase(db, file);
    });
    const { header } = summary;
    ctx.out(`已恢复 / restored: ${summary.totalRows} rows in ${header.tables.length} tables from ${file}`);
    ctx.out(`  backup taken ${header.createdAt} on ${header.engine}, migration ${header.migrations.lastTag ?? '?'}`);
    for (const t of header.tables) if (t.rows > 0) ctx.out(`    ${t.name.padEnd(24)} ${String(t.rows).padStart(8)}`);
  },
};
