import { rowsOf, schema, type DatabaseHandle, type Transaction } from '@ssb/db';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { seedUser } from '@ssb/db/seed';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from './append.ts';
import { chainAllAudit, chainAuditLog } from './chain.ts';
import { PENDING, SEAL_ACTION } from './hash.ts';
import { verifyAuditChain, type AuditVerification } from './verify.ts';

class Rollback extends Error {}

describe.each(TEST_ENGINES)('audit chain on %s', (engine) => {
  let handle: DatabaseHandle;
  let actor: string;
  const append = (i: number, db: Parameters<typeof appendAudit>[0] = handle.db) =>
    appendAudit(db, { actorUserId: actor, action: 'test.append', entityType: 'test', entityId: String(i), data: { i, nested: { b: 1, a: '中文' } } });
  const sealedRows = async () => handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'test.append')).orderBy(asc(schema.auditLog.seq));
  /** Tampers behind the append-only trigger (what verification is for), verifies, and rolls it all back. */
  async function verifyTampered(tamper: (tx: Transaction) => Promise<unknown>): Promise<AuditVerification> {
    let result: AuditVerification | undefined;
    await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tamper(tx);
        result = await verifyAuditChain(tx, 7);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return result!;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    actor = (await seedUser(handle.db, {})).id;
  });
  afterAll(() => handle?.close());

  it('writes rows pending without a lock; they verify as pending, not broken, until sealed', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(i)));
    const rows = await sealedRows();
    expect(rows.every((r) => r.prevHash === PENDING && r.hash.startsWith(`${PENDING}:`))).toBe(true);
    expect(await verifyAuditChain(handle.db, 7)).toEqual({ ok: true, rows: 20, pending: 20 });
  });

  it('seals pending rows in seq order, in batches, into one unbroken chain', async () => {
    expect(await chainAuditLog(handle.db, { batch: 8 })).toMatchObject({ sealed: 8 });
    expect(await verifyAuditChain(handle.db, 7)).toEqual({ ok: true, rows: 20, pending: 12 });
    expect(await chainAllAudit(handle.db)).toBe(12);
    expect(await verifyAuditChain(handle.db, 7)).toEqual({ ok: true, rows: 20, pending: 0 });
    const seals = await handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, SEAL_ACTION)).orderBy(asc(schema.auditLog.seq));
    const listed = seals.flatMap((s) => (s.data as { hashes: Array<[number, string]> }).hashes.map(([seq]) => seq));
    expect(listed).toEqual((await sealedRows()).map((r) => r.seq));
    // Later writes go on the chain after the seals.
    await append(20);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 21, pending: 1 });
    await chainAllAudit(handle.db);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 21, pending: 0 });
  });

  it('finds the first altered row', async () => {
    const target = (await sealedRows())[12]!;
    const result = await verifyTampered((tx) => tx.execute(sql`update audit_log set data = '{"i": 999}'::jsonb where seq = ${target.seq}`));
    expect(result).toMatchObject({ ok: false, firstBadSeq: target.seq, problem: 'content' });
  });

  it('finds a deleted row', async () => {
    const target = (await sealedRows())[5]!;
    expect(await verifyTampered((tx) => tx.execute(sql`delete from audit_log where seq = ${target.seq}`))).toMatchObject({ ok: false, firstBadSeq: target.seq, problem: 'missing' });
  });

  it('finds two rows put in each other’s place', async () => {
    const [a, b] = (await sealedRows()).slice(3, 5);
    const result = await verifyTampered(async (tx) => {
      await tx.execute(sql`update audit_log set seq = -1 where seq = ${a!.seq}`);
      await tx.execute(sql`update audit_log set seq = ${a!.seq} where seq = ${b!.seq}`);
      await tx.execute(sql`update audit_log set seq = ${b!.seq} where seq = -1`);
    });
    expect(result).toMatchObject({ ok: false, firstBadSeq: a!.seq, problem: 'content' });
  });

  it('finds a row slipped into a sealed range, and a deleted seal', async () => {
    const [, second] = (await sealedRows()).slice(0, 2);
    // A free seq inside the first seal's range: the seal's own neighbours are contiguous, so make room.
    const slipped = await verifyTampered(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = ${second!.seq}`);
      await tx.execute(sql`
        insert into audit_log (seq, at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash)
        values (${second!.seq}, now(), null, 'test.forged', 'test', null, '{}'::jsonb, ${PENDING}, 'pending:forged')`);
    });
    expect(slipped).toMatchObject({ ok: false, firstBadSeq: second!.seq, problem: 'content' });
    const before = await verifyTampered((tx) =>
      tx.execute(sql`
        insert into audit_log (seq, at, actor_user_id, action, entity_type, entity_id, data, prev_hash, hash)
        values (${-5}, now(), null, 'test.forged', 'test', null, '{}'::jsonb, ${PENDING}, 'pending:forged')`),
    );
    expect(before).toMatchObject({ ok: false, firstBadSeq: -5, problem: 'unsealed' });
    const [seal] = await handle.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, SEAL_ACTION)).orderBy(asc(schema.auditLog.seq)).limit(1);
    expect(await verifyTampered((tx) => tx.execute(sql`delete from audit_log where seq = ${seal!.seq}`))).toMatchObject({ ok: false, problem: 'link' });
    // Nothing above was kept.
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 21, pending: 0 });
  });

  it.runIf(engine === 'postgres')('never seals past a writer still running: a late commit is sealed after, in seq order', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const slow = handle.db.transaction(async (tx) => {
      await append(100, tx);
      written();
      await held;
    });
    await wrote;
    await append(101); // commits first, with the higher seq
    expect(await chainAuditLog(handle.db, { waitMs: 50 })).toEqual({ sealed: 0, waiting: true });
    release();
    await slow;
    expect(await chainAllAudit(handle.db)).toBe(2);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 23, pending: 0 });
    // Many writers and chainers at once still make one chain.
    await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => handle.db.transaction(async (tx) => append(200 + i, tx))),
      ...Array.from({ length: 6 }, () => chainAuditLog(handle.db)),
    ]);
    await chainAllAudit(handle.db);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, rows: 83, pending: 0 });
    const [left] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from audit_log where prev_hash = ${PENDING} and seq not in (select (jsonb_array_elements(data->'hashes')->>0)::bigint from audit_log where action = ${SEAL_ACTION})`));
    expect(left!.n).toBe(0);
  });
});
