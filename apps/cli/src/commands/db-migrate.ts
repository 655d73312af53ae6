import { sql } from 'drizzle-orm';
import { rowsOf } from '@ssb/db';
import { parse, withDatabase, type Command } from '../cli.ts';

export const dbMigrate: Command = {
  name: 'db:migrate',
  summary: '应用数据库迁移 / apply database migrations',
  usage: 'db:migrate',
  async run(argv, ctx) {
    parse(argv, {});
    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    await withDatabase(ctx, async (handle) => {
      await handle.migrate();
      const [row] = rowsOf<{ n: string }>(await handle.db.execute(sql`select count(*)::text as n from drizzle.__drizzle_migrations`));
      ctx.out(`迁移完成 migrations applied: ${row?.n ?? '?'} in total`);
    });
  },
};
