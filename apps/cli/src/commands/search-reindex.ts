import { parse, withDatabase, type Command } from '../cli.ts';

export const searchReindex: Command = {
  name: 'search:reindex',
  summary: '从数据库重建搜索索引 / rebuild the search index from the database (embedded or MEILISEARCH_URL)',
  usage: 'search:reindex   (prints {"engine":…,"indexed":…,"resource":…,"base":…,"event":…} on stdout)',
  async run(argv, ctx) {
    parse(argv, {});
    // Load the API and engines only when needed.
    const [{ searchIndex }, { createSearchEngine }] = await Promise.all([import('@ssb/api'), import('@ssb/server/search')]);
    ctx.err(`数据库 database: ${ctx.describeDatabase()}`);
    const result = await withDatabase(ctx, async ({ db, migrate }) => {
      await migrate();
      const engine = createSearchEngine(ctx.env, db);
      try {
        const counts = await searchIndex.reindexSearch(db, engine, (n) => {
          if (n % 5000 === 0) ctx.err(`  已索引 indexed ${n}`);
        });
        return { engine: engine.name, ...counts };
      } finally {
        await engine.close?.();
      }
    });
    ctx.out(JSON.stringify(result));
  },
};
