import { appRouter, createCallerFactory, createContext, createEmlMailer } from '@ssb/api';
import { schema } from '@ssb/db';
import { seedDemo, seedOrganization, seedUser } from '@ssb/db/seed';
import { createTestDatabase } from '@ssb/db/testing';
import { completeApplicationData } from '@ssb/domain/testing';
import { eq } from 'drizzle-orm';
import { createSession } from '@ssb/api/services/auth/sessions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalFileStore } from '@ssb/storage';
import { percentile } from './stats.ts';

/**
 * quality.md "deadline surge": 1 000 concurrent recommend calls from 300 recommender accounts
 * against quota 3 each (100 bodies) — 0 unexpected errors, quotas exact, p99. On PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite.
 */
export async function quotaSurgeScenario() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const handle = await createTestDatabase(url ? 'postgres' : 'pglite');
  const { db } = handle;
  await seedDemo(db);
  const [campaign] = await db.select().from(schema.campaigns).where(eq(schema.campaigns.isDemo, true));
  const deps = { db, mailer: createEmlMailer(mkdtempSync(join(tmpdir(), 'bench-mail-'))), files: createLocalFileStore(mkdtempSync(join(tmpdir(), 'bench-files-'))), config: { publicUrl: 'http://localhost' } };
  const createCaller = createCallerFactory(appRouter);

  const bodies = 100;
  const perBody = 10;
  const accountsPerBody = 3;
  const callers: Array<{ bodyIndex: number; caller: ReturnType<typeof createCaller> }> = [];
  const applications: Array<{ bodyIndex: number; id: string }> = [];
  for (let b = 0; b < bodies; b++) {
    const org = await seedOrganization(db, { name: `压测推荐单位${b}` });
    const [body] = await db.insert(schema.recommendingBodies).values({ code: `bench-${b}`, name: `压测推荐单位${b}`, kind: 'society', defaultQuotaMin: 0, defaultQuotaMax: 3, organizationId: org.id }).returning();
    await db.insert(schema.campaignQuotas).values({ campaignId: campaign!.id, recommendingBodyId: body!.id, quotaMax: 3 });
    for (let a = 0; a < accountsPerBody; a++) {
      const user = await seedUser(db, { roles: [{ organizationId: org.id, role: 'recommender' }] });
      const session = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'bench' });
      const ctx = await createContext(deps, { sessionToken: session.token, cookies: { set() {}, clear() {} }, ip: '127.0.0.1', userAgent: 'bench' });
      callers.push({ bodyIndex: b, caller: createCaller(ctx) });
    }
    for (let i = 0; i < perBody; i++) {
      const unit = await seedOrganization(db, { name: `压测申报单位${b}-${i}` });
      const [row] = await db
        .insert(schema.applications)
        .values({ campaignId: campaign!.id, organizationId: unit.id, recommendingBodyId: body!.id, status: 'submitted', data: completeApplicationData({ uscc: unit.uscc }), submittedAt: new Date() })
        .returning();
      applications.push({ bodyIndex: b, id: row!.id });
    }
  }

  const latencies: number[] = [];
  let accepted = 0;
  let quotaRefusals = 0;
  let unexpected = 0;
  const started = performance.now();
  await Promise.all(
    applications.map(async (application, i) => {
      const mine = callers.filter((c) => c.bodyIndex === application.bodyIndex);
      const { caller } = mine[i % mine.length]!;
      const t0 = performance.now();
      try {
        await caller.applications.recommend({ applicationId: application.id });
        accepted++;
      } catch (error) {
        if (/推荐名额已用完/.test((error as Error).message)) quotaRefusals++;
        else unexpected++;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  await handle.close();
  return {
    scenario: 'quota-surge',
    engine: url ? 'postgres' : 'pglite',
    calls: applications.length,
    accounts: callers.length,
    accepted,
    expected_accepted: bodies * 3,
    quota_refusals: quotaRefusals,
    errors: unexpected,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    calls_per_s: Math.round(applications.length / seconds),
    bar_p99_ms: 300,
  };
}
