import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { auditLog, campaignQuotas, organizations, recommendingBodies } from './schema/index.ts';
import { DEMO_PASSWORD, isDemoSeeded, listDemoAccounts, seedDemo } from './seed/index.ts';
import { createTestDatabase, TEST_ENGINES } from './testing.ts';
import { verifyPassword } from './password.ts';

describe.each(TEST_ENGINES)('database on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => handle?.close());

  it('seeds the notice: 5 municipal bodies and CAS with quota 3, 16 district bodies with quota 2', async () => {
    const { db } = handle;
    expect(await isDemoSeeded(db)).toBe(false);
    await seedDemo(db);
    expect(await isDemoSeeded(db)).toBe(true);
    const bodies = await db.select().from(recommendingBodies);
    expect(bodies.filter((b) => b.kind === 'municipal').map((b) => b.defaultQuotaMax)).toEqual([3, 3, 3, 3, 3]);
    expect(bodies.filter((b) => b.kind === 'district')).toHaveLength(16);
    expect(bodies.filter((b) => b.kind === 'district').every((b) => b.defaultQuotaMax === 2)).toBe(true);
    expect(bodies.find((b) => b.kind === 'cas')?.defaultQuotaMax).toBe(3);
    // Two campaigns: 2022 as in the notice, and a demo campaign open now; each with every body's quota.
    const quotas = await db.select().from(campaignQuotas);
    expect(quotas).toHaveLength(bodies.length * 2);
  });

  it('has one demo account per role, each with a working argon2id password', async () => {
    const accounts = await listDemoAccounts(handle.db);
    const roles = new Set(accounts.map((a) => a.role));
    expect(roles.size).toBe(8);
    const user = await handle.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash!, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(user!.passwordHash!, 'wrong')).toBe(false);
  });

  it('refuses a malformed credit code at the database too', async () => {
    const [first] = await handle.db.select().from(organizations).limit(1);
    await expect(
      handle.db.update(organizations).set({ uscc: 'bad code' }).where(eq(organizations.id, first!.id)),
    ).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    await handle.db.insert(auditLog).values({
      at: new Date(),
      action: 'test',
      entityType: 'test',
      data: {},
      prevHash: '0',
      hash: 'h1',
    });
    await expect(handle.db.update(auditLog).set({ action: 'changed' })).rejects.toThrow();
    await expect(handle.db.delete(auditLog)).rejects.toThrow();
  });
});
