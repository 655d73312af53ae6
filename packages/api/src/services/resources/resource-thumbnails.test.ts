import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ENGINES } from '@ssb/db/testing';
import { inspectJpeg, sniffFormat } from '@ssb/media';
import { makeTestImage } from '@ssb/media/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { ensureReferenceData, EXHIBIT_FIELDS, seedManagedBase } from './fixtures.ts';
import { attachResourceImage, findResourceMedia } from './resource-media.ts';
import { pickResourceMediaFile, thumbnailStorageKey } from './resource-thumbnails.ts';

// Starts like a JPEG (so it is accepted) but ffmpeg cannot decode it.
const UNDECODABLE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(9, 1), Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);

describe.each(TEST_ENGINES)('resource image thumbnails on %s', (engine) => {
  let api: TestApi;
  let owner: Awaited<ReturnType<typeof seedManagedBase>>;
  let n = 0;
  const warnings: Array<{ data: Record<string, unknown>; message: string }> = [];
  const log = { warn: (data: Record<string, unknown>, message: string) => void warnings.push({ data, message }) };
  const viewer = () => ({ userId: owner.manager.id, grants: [{ organizationId: owner.organization.id, role: 'base_manager' }] });
  const incoming = () => join(api.filesDir, `incoming-${++n}`);
  const newResource = async () => (await api.as(owner.manager.id)).resources.create({ ...EXHIBIT_FIELDS, baseId: owner.base.id });
  const attach = async (resource: { id: string; version: number }, tempPath: string) =>
    attachResourceImage({ ...api, log }, viewer(), { resourceId: resource.id, version: resource.version, name: 'photo.jpg', tempPath });

  beforeAll(async () => {
    api = await createTestApi(engine);
    await ensureReferenceData(api.db);
    owner = await seedManagedBase(api.db);
  });
  afterAll(() => api?.close());

  it('makes a 480 px wide JPEG beside a 2000×1500 photo, served as the thumbnail to managers and, once published, to everyone', async () => {
    const created = await newResource();
    const saved = await attach(created, await makeTestImage(incoming(), { width: 2000, height: 1500 }));
    const key = saved.media[0]!.key;
    const thumbPath = api.files.localPath(thumbnailStorageKey(created.id, key))!;
    expect(thumbPath).toMatch(new RegExp(`resources/${created.id}/[0-9a-f-]{36}-thumb\\.jpg$`));
    expect(sniffFormat(readFileSync(thumbPath).subarray(0, 16))).toBe('jpeg');
    expect(await inspectJpeg(thumbPath)).toEqual({ width: 480, height: 360, isComplete: true });
    expect(await inspectJpeg(api.files.localPath(`resources/${created.id}/${key}`)!)).toMatchObject({ width: 2000, height: 1500 });
    expect(warnings).toEqual([]);

    // Before publishing: the public gets nothing, its managers get the thumbnail.
    expect(await findResourceMedia(api.db, null, created.id, key)).toBeNull();
    const own = (await findResourceMedia(api.db, viewer(), created.id, key))!;
    expect(await pickResourceMediaFile(api.files, own, 'thumb')).toMatchObject({ storageKey: thumbnailStorageKey(created.id, key), contentType: 'image/jpeg', isThumbnail: true });
    expect(await pickResourceMediaFile(api.files, own, 'full')).toMatchObject({ storageKey: `resources/${created.id}/${key}`, isThumbnail: false });

    await (await api.as(owner.manager.id)).resources.transition({ resourceId: created.id, action: 'publish' });
    const shown = (await findResourceMedia(api.db, null, created.id, key))!;
    expect(shown.isPublic).toBe(true);
    expect(await pickResourceMediaFile(api.files, shown, 'thumb')).toMatchObject({ isThumbnail: true, bytes: readFileSync(thumbPath).length });
  });

  it('keeps an image ffmpeg cannot shrink, logs why, and serves the original in place of the thumbnail', async () => {
    const created = await newResource();
    const tempPath = incoming();
    writeFileSync(tempPath, UNDECODABLE_JPEG);
    const saved = await attach(created, tempPath);
    const key = saved.media[0]!.key;
    expect(warnings).toEqual([{ data: expect.objectContaining({ resourceId: created.id, key, error: expect.stringContaining('ffmpeg') }), message: expect.stringContaining('thumbnail failed') }]);
    warnings.length = 0;
    expect(await api.files.size(thumbnailStorageKey(created.id, key))).toBeNull();
    const media = (await findResourceMedia(api.db, viewer(), created.id, key))!;
    expect(await pickResourceMediaFile(api.files, media, 'thumb')).toMatchObject({ storageKey: `resources/${created.id}/${key}`, contentType: 'image/jpeg', isThumbnail: false, bytes: UNDECODABLE_JPEG.length });
  });

  it('serves the original for an image stored before thumbnails existed', async () => {
    const created = await newResource();
    const saved = await attach(created, await makeTestImage(incoming(), { width: 640, height: 480, format: 'png' }));
    const key = saved.media[0]!.key;
    expect(await api.files.size(thumbnailStorageKey(created.id, key))).not.toBeNull();
    await api.files.delete(thumbnailStorageKey(created.id, key));
    const media = (await findResourceMedia(api.db, viewer(), created.id, key))!;
    expect(await pickResourceMediaFile(api.files, media, 'thumb')).toMatchObject({ storageKey: `resources/${created.id}/${key}`, contentType: 'image/png', isThumbnail: false });
  });

  it('deletes the thumbnail with its image', async () => {
    const created = await newResource();
    const one = await attach(created, await makeTestImage(incoming(), { width: 1200, height: 900 }));
    const two = await attach(one, await makeTestImage(incoming(), { width: 900, height: 1200 }));
    const [first, second] = two.media.map((m) => m.key) as [string, string];
    expect(await api.files.size(thumbnailStorageKey(created.id, first))).not.toBeNull();
    await (await api.as(owner.manager.id)).resources.arrangeMedia({ resourceId: created.id, version: two.version, keys: [second] });
    expect(await api.files.size(`resources/${created.id}/${first}`)).toBeNull();
    expect(await api.files.size(thumbnailStorageKey(created.id, first))).toBeNull();
    expect(await inspectJpeg(api.files.localPath(thumbnailStorageKey(created.id, second))!)).toMatchObject({ width: 480, height: 640 });
  });
});
