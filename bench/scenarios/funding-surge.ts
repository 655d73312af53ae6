import { appRouter, createCallerFactory, createContext, createEmlMailer } from '@ssb/api';
import { createSession } from '@ssb/api/services/auth/sessions';
import { schema } from '@ssb/db';
import { seedOrganization, seedReferenceData, seedUser } from '@ssb/db/seed';
import { createTestDatabase } from '@ssb/db/testing';
import { formatFen, ledgerTotals } from '@ssb/domain/funding';
import { createLocalFileStore } from '@ssb/storage';
import { eq } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats.ts';

/**
 * Parallel approvals against one funding pool: 200 applications in review, each asking 1 234.56 元,
 * approved at once by 10 office sessions against a pool of 100 000.00 元 (81 fit). `overcommitted`
 * must be 0: committed never beyond the pool, the ledger summing to it. On PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else PGlite.
 */
export async function fundingSurgeScenario() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) process.env.TEST_DATABASE_URL = url;
  const handle = await createTestDatabase(url ? 'postgres' : 'pglite');
  const { db } = handle;
  await seedReferenceData(db);
  const deps = { db, mailer: createEmlMailer(mkdtempSync(join(tmpdir(), 'bench-mail-'))), files: createLocalFileStore(mkdtempSync(join(tmpdir(), 'bench-files-'))), config: { publicUrl: 'http://localhost' } };
  const createCaller = createCallerFactory(appRouter);

  const officeOrg = await seedOrganization(db, { name: '压测工作办公室', type: 'government' });
  const callers: Array<ReturnType<typeof createCaller>> = [];
  for (let i = 0; i < 10; i++) {
    const user = await seedUser(db, { roles: [{ organizationId: officeOrg.id, role: 'office' }] });
    const session = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'bench' });
    callers.push(createCaller(await createContext(deps, { sessionToken: session.token, cookies: { set() {}, clear() {} }, ip: '127.0.0.1', userAgent: 'bench' })));
  }
  const org = await seedOrganization(db, { name: '压测基地单位' });
  const manager = await seedUser(db, { roles: [{ organizationId: org.id, role: 'base_manager' }] });
  const [base] = await db
    .insert(schema.bases)
    .values({ number: '京科精基地-2022-999', organizationId: org.id, name: '压测基地', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' })
    .returning();
  const poolFen = 10_000_000;
  const askFen = 123_456;
  const [call] = await db
    .insert(schema.fundingCalls)
    .values({ title: '压测专项', year: 2026, poolFen, maxPerProjectFen: poolFen, kinds: ['activity'], opensAt: new Date(), closesAt: new Date(Date.now() + 86_400_000), categories: ['业务费'], criteria: [], status: 'closed' })
    .returning();
  const apps = await db
    .insert(schema.fundingApplications)
    .values(Array.from({ length: 200 }, (_, i) => ({ callId: call!.id, baseId: base!.id, organizationId: org.id, kind: 'activity' as const, title: `压测申请${i}`, status: 'in_review' as const, requestedFen: askFen, createdBy: manager.id })))
    .returning();

  const latencies: number[] = [];
  let approved = 0;
  let refused = 0;
  let errors = 0;
  await Promise.all(
    apps.map(async (app, i) => {
      const t0 = performance.now();
      try {
        await callers[i % callers.length]!.funding.decide({ applicationId: app.id, decision: 'approve', award: formatFen(askFen) });
        approved++;
      } catch (error) {
        if (/资金余额不足/.test((error as Error).message)) refused++;
        else errors++;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const totals = ledgerTotals(poolFen, await db.select().from(schema.fundingLedgerEntries).where(eq(schema.fundingLedgerEntries.callId, call!.id)));
  await handle.close();
  return {
    scenario: 'funding-surge',
    engine: url ? 'postgres' : 'pglite',
    pool: formatFen(poolFen),
    committed: formatFen(totals.committedFen),
    approved,
    expected_approved: Math.floor(poolFen / askFen),
    refused,
    errors,
    overcommitted: Math.max(0, totals.committedFen - poolFen) + (totals.committedFen + totals.availableFen === poolFen ? 0 : 1),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
  };
}
