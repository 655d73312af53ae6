import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { appendAudit } from './append.ts';

const userId = async (api: TestApi, email: string) => (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) }))!.id;

describe.each(TEST_ENGINES)('audit viewer on %s', (engine) => {
  let api: TestApi;
  let officeId: string;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    officeId = await userId(api, 'office@demo.ssb.local');
    const adminId = await userId(api, 'admin@demo.ssb.local');
    for (let i = 0; i < 25; i++) await appendAudit(api.db, { actorUserId: officeId, action: 'intake.checklist', entityType: 'application', entityId: `app-${i % 3}`, data: { i } });
    await appendAudit(api.db, { actorUserId: adminId, action: 'role.granted', entityType: 'user', entityId: officeId, data: {} });
  });
  afterAll(() => api?.close());

  it('filters by actor, action, entity and date range, newest first, a page at a time', async () => {
    const office = await api.as(officeId);
    const byActor = await office.audit.list({ actor: '郑管理', page: 1, pageSize: 20 });
    expect(byActor.items.map((i) => i.action)).toEqual(['role.granted']);
    expect(byActor.items[0]!.actor).toMatchObject({ name: '郑管理', email: 'admin@demo.ssb.local' });

    const page1 = await office.audit.list({ action: 'intake.', page: 1, pageSize: 10 });
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(10);
    expect(page1.items[0]!.data).toEqual({ i: 24 });
    const page3 = await office.audit.list({ action: 'intake.', page: 3, pageSize: 10 });
    expect(page3.items.map((i) => i.data.i)).toEqual([4, 3, 2, 1, 0]);

    expect((await office.audit.list({ entityType: 'application', entityId: 'app-1', page: 1, pageSize: 50 })).total).toBe(8);
    expect((await office.audit.list({ action: 'intake.checklist', page: 1, pageSize: 1 })).total).toBe(25);
    expect(byActor.options.actions).toEqual(expect.arrayContaining(['intake.checklist', 'role.granted']));

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await office.audit.list({ from: future, page: 1, pageSize: 20 })).total).toBe(0);
    expect((await office.audit.list({ to: new Date(Date.now() - 86400_000 * 365 * 10).toISOString(), page: 1, pageSize: 20 })).total).toBe(0);
    expect((await office.audit.list({ from: new Date(Date.now() - 3600_000).toISOString(), action: 'role.granted', page: 1, pageSize: 20 })).total).toBe(1);
  });

  it('names the object of each row, with a link where it has a page, and leaves unknown ids as they are', async () => {
    const office = await api.as(officeId);
    const campaign = (await api.db.select().from(schema.campaigns).limit(1))[0]!;
    const [base] = await api.db.select().from(schema.bases).limit(1);
    await appendAudit(api.db, { actorUserId: officeId, action: 'campaign.quota_set', entityType: 'campaign', entityId: campaign.id, data: {} });
    if (base) await appendAudit(api.db, { actorUserId: officeId, action: 'base.rectification', entityType: 'base', entityId: base.id, data: {} });
    const rows = (await office.audit.list({ page: 1, pageSize: 5 })).items;
    expect(rows.find((r) => r.entityType === 'campaign')?.entity).toEqual({ name: campaign.title, href: `/admin/campaigns/${campaign.id}` });
    if (base) expect(rows.find((r) => r.entityType === 'base')?.entity).toEqual({ name: `${base.name}（${base.number}）`, href: `/bases/${base.id}` });
    const user = (await office.audit.list({ action: 'role.granted', page: 1, pageSize: 5 })).items[0]!;
    expect(user.entity?.name).toBe('刘办公（office@demo.ssb.local）');
    // Ids that name nothing (here, made-up ones) come back without a name rather than failing the page.
    expect((await office.audit.list({ entityId: 'app-1', page: 1, pageSize: 5 })).items.every((r) => r.entity === null)).toBe(true);
  });

  it('refuses a date PostgreSQL cannot read (year -1, 10000, junk) with a Chinese message, not a 500', async () => {
    const office = await api.as(officeId);
    for (const date of ['-000001-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '10000-01-01', 'junk', '1900-01-01']) {
      for (const field of ['from', 'to'] as const) {
        const error = await office.audit.list({ [field]: date, page: 1, pageSize: 5 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'BAD_REQUEST' });
        expect((error as Error).message).toMatch(/日期/);
      }
    }
  });

  it('is open to the office and system administrators only', async () => {
    expect((await (await api.as(await userId(api, 'admin@demo.ssb.local'))).audit.list({ page: 1, pageSize: 5 })).items).toHaveLength(5);
    for (const email of ['applicant@demo.ssb.local', 'recommender@demo.ssb.local', 'expert@demo.ssb.local', 'funding@demo.ssb.local']) {
      await expect((await api.as(await userId(api, email))).audit.list({ page: 1, pageSize: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect((await api.anonymous()).audit.verify()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('verify walks the chain and names the first altered row', async () => {
    const office = await api.as(officeId);
    expect(await office.audit.verify()).toMatchObject({ ok: true });
    const [target] = await api.db.select().from(schema.auditLog).where(sql`${schema.auditLog.action} = 'role.granted'`);
    await api.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await api.db.execute(sql`update audit_log set data = '{"forged": true}'::jsonb where seq = ${target!.seq}`);
    await api.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    expect(await office.audit.verify()).toMatchObject({ ok: false, firstBadSeq: target!.seq, problem: 'content' });
    const logged = await office.audit.list({ action: 'audit.verify', page: 1, pageSize: 5 });
    expect(logged.items[0]!.data).toMatchObject({ ok: false, firstBadSeq: target!.seq });
  });
});
