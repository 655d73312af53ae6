import { appRouter, chainAllAudit, createCallerFactory, createContext, createEmlMailer, startAuditChainer, verifyAuditChain } from '@ssb/api';
import { rowsOf, schema } from '@ssb/db';
import { seedDemo, seedOrganization, seedUser } from '@ssb/db/seed';
import { createTestDatabase } from '@ssb/db/testing';
import { completeApplicationData } from '@ssb/domain/testing';
import { and, eq, inArray, sql } from 'drizzle-orm';
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

  // As in the server: audit rows are sealed into the chain by the chainer, off the request path.
  const chainer = startAuditChainer(db, { intervalMs: 250 });
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
  await chainer.stop();
  await chainAllAudit(db);
  const chain = await verifyAuditChain(db);
  const appIds = applications.map((a) => a.id);
  const recommended = await db.select({ body: schema.applications.recommendingBodyId }).from(schema.applications).where(and(inArray(schema.applications.id, appIds), eq(schema.applications.status, 'recommended')));
  const perBodyCount = new Map<string, number>();
  for (const r of recommended) perBodyCount.set(r.body!, (perBodyCount.get(r.body!) ?? 0) + 1);
  const quotaExceeded = [...perBodyCount.values()].filter((n) => n > 3).length;

  // Baseline, same run, same driver and pool: the same 1 000 calls as bare SQL transactions — lock the
  // quota row, count, update, insert one audit row — on the same applications, put back to submitted.
  await db.update(schema.applications).set({ status: 'submitted', recommendedAt: null }).where(inArray(schema.applications.id, appIds));
  const bodyOf = new Map((await db.select({ id: schema.applications.id, body: schema.applications.recommendingBodyId }).from(schema.applications).where(inArray(schema.applications.id, appIds))).map((r) => [r.id, r.body!]));
  const bare: number[] = [];
  let bareAccepted = 0;
  const bareStarted = performance.now();
  await Promise.all(
    applications.map(async (application, i) => {
      const t0 = performance.now();
      const body = bodyOf.get(application.id)!;
      await db
        .transaction(async (tx) => {
          const [quota] = rowsOf<{ quota_max: number }>(await tx.execute(sql`select quota_max from campaign_quotas where campaign_id = ${campaign!.id} and recommending_body_id = ${body} for update`));
          const [used] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from applications where campaign_id = ${campaign!.id} and recommending_body_id = ${body} and status = 'recommended'`));
          if (used!.n >= quota!.quota_max) return;
          await tx.execute(sql`update applications set status = 'recommended', recommended_at = now(), version = version + 1 where id = ${application.id} and status = 'submitted'`);
          await tx.execute(sql`insert into audit_log (at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash) values (now(), null, 'bench.bare', 'application', ${application.id}, '{}'::jsonb, 'pending', ${`pending:bare-${i}`})`);
          bareAccepted++;
        })
        .finally(() => bare.push(performance.now() - t0));
    }),
  );
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  bare.sort((a, b) => a - b);
  await handle.close();
  const callsPerS = Math.round(applications.length / seconds);
  const bareCallsPerS = Math.round(applications.length / bareSeconds);
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
    calls_per_s: callsPerS,
    quota_exceeded_bodies: quotaExceeded,
    audit_chain_ok: chain.ok,
    audit_rows: chain.rows,
    baseline_bare_sql: { accepted: bareAccepted, p50_ms: percentile(bare, 50), p99_ms: percentile(bare, 99), calls_per_s: bareCallsPerS },
    ratio_to_baseline: Math.round((callsPerS / bareCallsPerS) * 100) / 100,
    bar_p99_ms: 300,
    bar_ratio: 0.5,
  };
}
