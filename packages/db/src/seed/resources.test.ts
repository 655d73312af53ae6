import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTotals } from '@ssb/domain/funding';
import { bases, fundingApplications, fundingCalls, fundingLedgerEntries, fundingReviews, memberships, resources, users } from '../schema/index.ts';
import { createTestDatabase, TEST_ENGINES } from '../testing.ts';
import { listDemoAccounts, seedDemo } from './demo.ts';
import type { DatabaseHandle } from '../client.ts';

describe.each(TEST_ENGINES)('demo resources on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await handle.db.transaction((tx) => seedDemo(tx));
  });
  afterAll(() => handle?.close());

  const managedBase = async (email: string) => {
    const [row] = await handle.db
      .select({ baseId: bases.id, status: bases.status })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, 'base_manager')))
      .innerJoin(bases, eq(bases.organizationId, memberships.organizationId))
      .where(eq(users.email, email));
    return row;
  };

  it('gives the two demo base managers two different active demo bases, and lists both accounts', async () => {
    const first = await managedBase('base@demo.ssb.local');
    const second = await managedBase('base2@demo.ssb.local');
    expect(first).toBeDefined();
    expect(second).toMatchObject({ status: 'active' });
    expect(second!.baseId).not.toBe(first!.baseId);
    const accounts = await listDemoAccounts(handle.db);
    expect(accounts.map((a) => a.email)).toEqual(expect.arrayContaining(['base@demo.ssb.local', 'base2@demo.ssb.local']));
  });

  it('spreads about thirty resources, all marked as demo, mostly published, over the demo bases', async () => {
    const rows = await handle.db.select().from(resources);
    expect(rows.length).toBeGreaterThanOrEqual(28);
    expect(rows.every((r) => r.isDemo && r.title.includes('（演示）'))).toBe(true);
    expect(rows.filter((r) => r.status === 'published').length).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.baseId)).size).toBeGreaterThan(3);
    const first = await managedBase('base@demo.ssb.local');
    expect(rows.some((r) => r.baseId === first!.baseId && r.lendable && r.status === 'published')).toBe(true);
  });
  it('gives funding a current call with work for each role, and a past call whose ledger adds up with a refund', async () => {
    const calls = await handle.db.select().from(fundingCalls);
    expect(calls.map((c) => c.status).sort()).toEqual(['closed', 'open']);
    const apps = await handle.db.select().from(fundingApplications);
    expect(apps.map((a) => a.status).sort()).toEqual(['agreement_confirmed', 'closed', 'in_review', 'in_review', 'submitted']);
    const [reviewer] = await handle.db.select().from(users).where(eq(users.email, 'funding@demo.ssb.local'));
    const waiting = await handle.db.select().from(fundingReviews).where(and(eq(fundingReviews.reviewerId, reviewer!.id), eq(fundingReviews.status, 'assigned')));
    expect(waiting).toHaveLength(1);
    for (const call of calls) {
      const t = ledgerTotals(call.poolFen, await handle.db.select().from(fundingLedgerEntries).where(eq(fundingLedgerEntries.callId, call.id)));
      expect(t.committedFen + t.availableFen).toBe(call.poolFen);
      if (call.status === 'closed') expect(t).toMatchObject({ returnedFen: 320_050, disbursedFen: 5_000_000, committedFen: 4_679_950 });
      else expect(t).toMatchObject({ committedFen: 4_500_000, disbursedFen: 3_150_000 });
    }
  });
});
