import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { stripMetadata } from '@ssb/media';
import { IDENTIFYING_TEXT, makeMediaFixtures, makeTaggedVideo } from '@ssb/media/testing/fixtures';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, EXHIBIT_FIELDS, seedManagedBase } from './fixtures.ts';
import { findResourceMedia } from './resource-media.ts';
import { attachResourceVideo } from './resource-video.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(TEST_ENGINES)('resource videos on %s', (engine) => {
  let api: TestApi;
  let fixture: (name: string) => string;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let other: Awaited<ReturnType<typeof seedManagedBase>>;
  let n = 0;
  /** A finished upload's temporary file, as the tus store leaves it. */
  const received = (name: string) => {
    const path = join(api.filesDir, `upload-${++n}`);
    copyFileSync(fixture(name), path);
    return path;
  };
  const viewerOf = (s: typeof owner) => ({ userId: s.manager.id, grants: [{ organizationId: s.organization.id, role: 'base_manager' }] });
  const newResource = async () => (await api.as(owner.manager.id)).resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });

  beforeAll(async () => {
    fixture = (await makeMediaFixtures()).path;
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
    other = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  it('appends a checked video, stripped of its tags, with its hash, duration and size, even after the text was saved meanwhile', async () => {
    const created = await newResource();
    // The manager saves the text while the video is still on its way: the upload must not be lost.
    const edited = await (await api.as(owner.manager.id)).resources.update({ ...EXHIBIT_FIELDS, title: '改过的标题', resourceId: created.id, version: created.version });
    const temp = received('hd720.mp4');
    const saved = await attachResourceVideo(api, viewerOf(owner), { resourceId: created.id, name: '讲解.mp4', tempPath: temp });
    expect(saved.version).toBe(edited.version + 1);
    // What is kept and listed is the copy without container tags, as stripMetadata makes it.
    await stripMetadata(fixture('hd720.mp4'), join(api.filesDir, 'expected.mp4'), 'mp4');
    const bytes = readFileSync(join(api.filesDir, 'expected.mp4'));
    expect(saved.media).toEqual([
      { key: expect.stringMatching(/^[0-9a-f-]{36}\.mp4$/), kind: 'video', name: '讲解.mp4', bytes: bytes.length, sha256: sha256(bytes), durationSeconds: 3, width: 1280, height: 720 },
    ]);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(`${temp}-stripped`)).toBe(false);
    const found = await findResourceMedia(api.db, viewerOf(owner), created.id, saved.media[0]!.key);
    expect(found).toMatchObject({ contentType: 'video/mp4', kind: 'video', isPublic: false });
    expect(sha256(await buffer(await api.files.read(found!.storageKey)))).toBe(sha256(bytes));

    const audit = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, created.id));
    expect(audit.at(-1)).toMatchObject({ action: 'resource.media.add', data: expect.objectContaining({ kind: 'video', sha256: sha256(bytes) }) });
  });

  it('refuses a truncated MP4 in Chinese, keeps nothing, and leaves the resource as it was', async () => {
    const created = await newResource();
    const temp = received('video-truncated.mp4');
    await expect(attachResourceVideo(api, viewerOf(owner), { resourceId: created.id, name: 'cut.mp4', tempPath: temp })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      errors: ['视频文件不完整或已损坏（可能上传中断或导出未完成），请重新导出后上传'],
    });
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(`${temp}-stripped`)).toBe(false);
    const [row] = await api.db.select().from(schema.resources).where(eq(schema.resources.id, created.id));
    expect(row).toMatchObject({ version: created.version, media: [] });
  });

  it("refuses another base's manager, and a fourth video", async () => {
    const created = await newResource();
    await expect(attachResourceVideo(api, viewerOf(other), { resourceId: created.id, name: 'x.mp4', tempPath: received('hd720.mp4') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Three finishing at once all land (the row is locked, not version-checked), a fourth is refused.
    const three = await Promise.all([1, 2, 3].map((i) => attachResourceVideo(api, viewerOf(owner), { resourceId: created.id, name: `${i}.mp4`, tempPath: received('hd720.mp4') })));
    expect(Math.max(...three.map((s) => s.version))).toBe(created.version + 3);
    await expect(attachResourceVideo(api, viewerOf(owner), { resourceId: created.id, name: '4.mp4', tempPath: received('hd720.mp4') })).rejects.toMatchObject({ message: '每个资源最多 3 段视频' });
    const [row] = await api.db.select().from(schema.resources).where(eq(schema.resources.id, created.id));
    expect(row!.media.map((m) => m.name).sort()).toEqual(['1.mp4', '2.mp4', '3.mp4']);
  });

  it('keeps a tagged video without the title, artist, comment or handler names that name its maker', async () => {
    const created = await newResource();
    const temp = await makeTaggedVideo(join(api.filesDir, `tagged-${++n}.mp4`), { size: '640x360' });
    expect(readFileSync(temp).includes(Buffer.from(IDENTIFYING_TEXT))).toBe(true);
    const saved = await attachResourceVideo(api, viewerOf(owner), { resourceId: created.id, name: 'tagged.mp4', tempPath: temp });
    const found = await findResourceMedia(api.db, viewerOf(owner), created.id, saved.media[0]!.key);
    const stored = await buffer(await api.files.read(found!.storageKey));
    expect(stored.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);
    expect(saved.media[0]).toMatchObject({ bytes: stored.length, sha256: sha256(stored), width: 640, height: 360 });
  });
});
