import { schema } from '@ssb/db';
import { seedUser } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { logView } from './log-view.ts';
import { verifyAuditChain } from './verify.ts';

describe.each(TEST_ENGINES)('views of sensitive data are audited on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(engine);
  });
  afterAll(() => api?.close());

  const rowsOf = (actorUserId: string, action: string) =>
    api.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.actorUserId, actorUserId), eq(schema.auditLog.action, action)));

  it('records a view once per person and record within ten minutes, and again after', async () => {
    const viewer = await seedUser(api.db, {});
    const other = await seedUser(api.db, {});
    const view = { action: 'review.ranking_view', entityType: 'review_round', entityId: 'round-1' };
    const t0 = new Date();
    await logView(api.db, { ...view, actorUserId: viewer.id }, t0);
    await logView(api.db, { ...view, actorUserId: viewer.id }, new Date(t0.getTime() + 5 * 60_000));
    expect(await rowsOf(viewer.id, view.action)).toHaveLength(1);

    await logView(api.db, { ...view, entityId: 'round-2', actorUserId: viewer.id }, t0);
    await logView(api.db, { ...view, actorUserId: other.id }, t0);
    expect(await rowsOf(viewer.id, view.action)).toHaveLength(2);
    expect(await rowsOf(other.id, view.action)).toHaveLength(1);

    // Eleven minutes on, the first view's row is outside the window.
    const later = new Date(Date.now() + 11 * 60_000);
    await logView(api.db, { ...view, actorUserId: viewer.id }, later);
    expect(await rowsOf(viewer.id, view.action)).toHaveLength(3);
    expect((await verifyAuditChain(api.db)).ok).toBe(true);
  });
});
