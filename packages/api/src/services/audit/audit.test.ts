import { schema } from '@ssb/db';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { seedUser } from '@ssb/db/seed';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@ssb/db';
import { appendAudit } from './append.ts';
import { verifyAuditChain } from './verify.ts';

describe.each(TEST_ENGINES)('audit chain on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(() => handle?.close());

  it('links concurrent appends into one unbroken chain', async () => {
    const user = await seedUser(handle.db, {});
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(handle.db, { actorUserId: user.id, action: 'test.append', entityType: 'test', entityId: String(i), data: { i, nested: { b: 1, a: '中文' } } }),
      ),
    );
    expect(await verifyAuditChain(handle.db, 7)).toEqual({ ok: true, rows: 20 });
  });

  it('finds the first altered row', async () => {
    const rows = await handle.db.select().from(schema.auditLog).orderBy(schema.auditLog.seq);
    const target = rows[12]!;
    // Only someone bypassing the append-only trigger can do this: exactly what verification is for.
    await handle.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await handle.db.execute(sql`update audit_log set data = '{"i": 999}'::jsonb where seq = ${target.seq}`);
    await handle.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, rows: 13, firstBadSeq: target.seq, problem: 'content' });
  });
});
