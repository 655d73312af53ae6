import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, rowsOf, schema } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSX = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'ssb-cli-search-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'test' };
  for (const key of ['DATABASE_URL', 'MEILISEARCH_URL', 'INIT_CWD', 'npm_lifecycle_event']) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ENTRY, ...args], { cwd: dataDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm cli search:reindex', () => {
  it('rebuilds the embedded index from the database: published resources and active bases only', async () => {
    const handle = createDatabase({ dataDir: join(dataDir, 'pglite') });
    const ids: Record<string, string> = {};
    try {
      await handle.migrate();
      await seedReferenceData(handle.db);
      const org = await seedOrganization(handle.db);
      const base = { organizationId: org.id, batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-10-01', validUntil: '2027-09-30' };
      const [active] = await handle.db.insert(schema.bases).values({ ...base, number: 'T-1', name: '航天科学家纪念馆（测试）' }).returning();
      const [revoked] = await handle.db.insert(schema.bases).values({ ...base, number: 'T-2', name: '已撤销基地（测试）', status: 'revoked' }).returning();
      const [published] = await handle.db.insert(schema.resources).values({ baseId: active!.id, type: 'exhibit', title: '钱学森手稿展', status: 'published', publishedAt: new Date() }).returning();
      await handle.db.insert(schema.resources).values([
        { baseId: active!.id, type: 'exhibit', title: '草稿', status: 'draft' },
        { baseId: revoked!.id, type: 'exhibit', title: '撤销基地的展品', status: 'published', publishedAt: new Date() },
      ]);
      Object.assign(ids, { active: active!.id, published: published!.id });
    } finally {
      await handle.close();
    }

    const run = await cli(['search:reindex']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ engine: 'embedded', indexed: 2, resource: 1, base: 1, event: 0 });

    const after = createDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const rows = rowsOf<{ id: string }>(await after.db.execute(sql`select id from search_docs order by id`));
      expect(rows.map((r) => r.id).sort()).toEqual([ids.active, ids.published].sort());
    } finally {
      await after.close();
    }
  });
});
