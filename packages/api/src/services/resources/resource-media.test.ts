import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, EXHIBIT_FIELDS, seedManagedBase } from './fixtures.ts';
import { attachResourceImage, findResourceMedia } from './resource-media.ts';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(9, 1), Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
// Chunks that can be walked (header, end), not a picture: enough for checks that read bytes, not pixels.
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR', 'latin1'), Buffer.alloc(17, 1), Buffer.from([0, 0, 0, 0]), Buffer.from('IEND', 'latin1'), Buffer.alloc(4)]);
const GIF_NAMED_JPG = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(100, 1)]);

describe.each(TEST_ENGINES)('resource images on %s', (engine) => {
  let api: TestApi;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let other: Awaited<ReturnType<typeof seedManagedBase>>;
  let n = 0;
  const temp = (bytes: Buffer) => {
    const path = join(api.filesDir, `incoming-${++n}`);
    writeFileSync(path, bytes);
    return path;
  };
  const viewerOf = (s: typeof owner) => ({ userId: s.manager.id, grants: [{ organizationId: s.organization.id, role: 'base_manager' }] });
  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
    other = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  const newResource = async () => (await api.as(owner.manager.id)).resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });

  it('accepts JPEG and PNG by their bytes, refuses a GIF renamed .jpg, and audits and queues each change', async () => {
    const created = await newResource();
    const one = await attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version: created.version, name: 'a.jpg', tempPath: temp(JPEG) });
    const two = await attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version: one.version, name: 'b.png', tempPath: temp(PNG) });
    expect(two.media.map((m) => m.key)).toEqual([expect.stringMatching(/\.jpg$/), expect.stringMatching(/\.png$/)]);
    await expect(attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version: two.version, name: 'c.jpg', tempPath: temp(GIF_NAMED_JPG) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('只能上传 JPEG 或 PNG'),
    });
    // A stale version is a conflict, not a silent overwrite.
    await expect(attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version: one.version, name: 'd.jpg', tempPath: temp(JPEG) })).rejects.toMatchObject({ code: 'CONFLICT' });

    const manager = await api.as(owner.manager.id);
    const reordered = await manager.resources.arrangeMedia({ resourceId: created.id, version: two.version, keys: [two.media[1]!.key, two.media[0]!.key] });
    expect(reordered.media.map((m) => m.name)).toEqual(['b.png', 'a.jpg']);
    const removed = await manager.resources.arrangeMedia({ resourceId: created.id, version: reordered.version, keys: [two.media[1]!.key] });
    expect(removed.media.map((m) => m.name)).toEqual(['b.png']);
    expect(await api.files.size(`resources/${created.id}/${two.media[0]!.key}`)).toBeNull();

    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['resource.media.add', 'resource.media.add', 'resource.media.reorder', 'resource.media.remove']);
    const outbox = await api.db.select().from(schema.searchOutbox).where(and(eq(schema.searchOutbox.entity, 'resource'), eq(schema.searchOutbox.entityId, created.id)));
    expect(outbox.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses another base's manager", async () => {
    const created = await newResource();
    await expect(attachResourceImage(api, viewerOf(other), { resourceId: created.id, version: created.version, name: 'x.jpg', tempPath: temp(JPEG) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const intruder = await api.as(other.manager.id);
    await expect(intruder.resources.arrangeMedia({ resourceId: created.id, version: created.version, keys: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a ninth image', async () => {
    const created = await newResource();
    let version = created.version;
    for (let i = 0; i < 8; i++) version = (await attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version, name: `${i}.jpg`, tempPath: temp(JPEG) })).version;
    await expect(attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version, name: '9.jpg', tempPath: temp(JPEG) })).rejects.toMatchObject({ message: expect.stringContaining('最多 8 张') });
  });

  it("serves a draft's image only to its managers, and to everyone once published", async () => {
    const created = await newResource();
    const saved = await attachResourceImage(api, viewerOf(owner), { resourceId: created.id, version: created.version, name: 'a.jpg', tempPath: temp(JPEG) });
    const key = saved.media[0]!.key;
    expect(await findResourceMedia(api.db, null, created.id, key)).toBeNull();
    expect(await findResourceMedia(api.db, viewerOf(other), created.id, key)).toBeNull();
    expect(await findResourceMedia(api.db, viewerOf(owner), created.id, key)).toMatchObject({ contentType: 'image/jpeg', isPublic: false });
    await (await api.as(owner.manager.id)).resources.transition({ resourceId: created.id, action: 'publish' });
    expect(await findResourceMedia(api.db, null, created.id, key)).toMatchObject({ contentType: 'image/jpeg', isPublic: true });
    expect((await (await api.anonymous()).resources.get({ resourceId: created.id })).media).toEqual([{ key, kind: 'image', name: 'a.jpg', durationSeconds: null, width: null, height: null }]);
  });
});
