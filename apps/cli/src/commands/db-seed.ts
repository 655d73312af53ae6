import { DEMO_PASSWORD, isDemoSeeded, listDemoAccounts, seedDemo } from '@ssb/db/seed';
import { ROLE_LABELS } from '@ssb/domain/roles';
import { parse, withDatabase, type Command } from '../cli.ts';

export const dbSeed: Command = {
  name: 'db:seed',
  summary: '写入演示数据（已有则跳过） / seed the demo campaign, units and accounts unless present',
  usage: 'db:seed',
  async run(argv, ctx) {
    parse(argv, {});
    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    await withDatabase(ctx, async ({ db, migrate }) => {
      await migrate();
      if (await isDemoSeeded(db)) {
        ctx.out('演示数据已存在，未做改动 / demo data is already seeded; nothing changed');
        return;
      }
      await db.transaction((tx) => seedDemo(tx));
      const accounts = await listDemoAccounts(db);
      ctx.out(`已写入演示数据 / demo data seeded: ${accounts.length} accounts, password ${DEMO_PASSWORD}`);
      for (const a of accounts) ctx.out(`  ${a.email.padEnd(30)} ${ROLE_LABELS[a.role].zh.padEnd(6, '　')} ${a.organization}`);
    });
  },
};
