import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, EXHIBIT_FIELDS, seedManagedBase } from './fixtures.ts';

describe.each(TEST_ENGINES)('resources on %s', (engine) => {
  let api: TestApi;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let other: Awaited<ReturnType<typeof seedManagedBase>>;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
    other = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  const outboxFor = (id: string) => api.db.select().from(schema.searchOutbox).where(and(eq(schema.searchOutbox.entity, 'resource'), eq(schema.searchOutbox.entityId, id)));

  it('creates a draft with sanitised HTML and plain text, queues the search update, and hides it from the public', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.resources.create({
      ...EXHIBIT_FIELDS,
      baseId: owner.base.id,
      descriptionHtml: '<p onclick="x()">罗盘<script>alert(1)</script>与记录本</p><img src=x onerror=alert(1)>',
    });
    const stored = await manager.resources.edit({ resourceId: created.id });
    expect(stored.status).toBe('draft');
    expect(stored.descriptionHtml).toBe('<p>罗盘与记录本</p>');
    expect(stored.descriptionText).toBe('罗盘与记录本');
    expect(stored.actions).toEqual(['publish', 'archive']);
    expect(await outboxFor(created.id)).toHaveLength(1);
    await expect((await api.anonymous()).resources.get({ resourceId: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('publishes, shows it on the public resource and base pages, then archives it away', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });
    await manager.resources.transition({ resourceId: created.id, action: 'publish' });
    const anonymous = await api.anonymous();
    const page = await anonymous.resources.get({ resourceId: created.id });
    expect(page).toMatchObject({ title: EXHIBIT_FIELDS.title, baseName: owner.base.name, lendable: true });
    expect((await anonymous.bases.page({ baseId: owner.base.id })).resources.map((r) => r.id)).toContain(created.id);

    await expect(manager.resources.transition({ resourceId: created.id, action: 'publish' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await manager.resources.transition({ resourceId: created.id, action: 'archive' });
    await expect(anonymous.resources.get({ resourceId: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['resource.publish', 'resource.archive']);
    expect((await outboxFor(created.id)).length).toBe(3);
  });

  it('refuses a publish without a description', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, descriptionHtml: '<p>短</p>', baseId: owner.base.id });
    await expect(manager.resources.transition({ resourceId: created.id, action: 'publish' })).rejects.toMatchObject({ message: expect.stringContaining('不少于 10 个字') });
  });

  it('refuses to publish for a revoked base', async () => {
    const revoked = await seedManagedBase(api.db, { status: 'revoked' });
    const manager = await api.as(revoked.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, baseId: revoked.base.id });
    await expect(manager.resources.transition({ resourceId: created.id, action: 'publish' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('撤销') });
  });

  it('detects a concurrent edit instead of overwriting it', async () => {
    const manager = await api.as(owner.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });
    const first = await manager.resources.update({ ...EXHIBIT_FIELDS, resourceId: created.id, version: created.version, title: '第一个标签页' });
    expect(first.version).toBe(created.version + 1);
    await expect(manager.resources.update({ ...EXHIBIT_FIELDS, resourceId: created.id, version: created.version, title: '第二个标签页' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await manager.resources.edit({ resourceId: created.id })).title).toBe('第一个标签页');
  });

  it("lets no manager touch another base's resources, nor create in another base", async () => {
    const manager = await api.as(owner.manager.id);
    const intruder = await api.as(other.manager.id);
    const created = await manager.resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });
    await expect(intruder.resources.edit({ resourceId: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.resources.transition({ resourceId: created.id, action: 'publish' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.resources.update({ ...EXHIBIT_FIELDS, resourceId: created.id, version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(intruder.resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mine = await intruder.resources.mine({});
    expect(mine.items.map((r) => r.id)).not.toContain(created.id);
  });
});
