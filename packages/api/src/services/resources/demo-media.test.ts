import { readFileSync } from 'node:fs';
import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { checkResourceVideo, inspectJpeg, sniffFormat } from '@ssb/media';
import { createEmbeddedEngine, type SearchEngine } from '@ssb/search';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { reindexSearch } from '../search/reindex.ts';
import { seedDemoResourceMedia } from './demo-media.ts';
import { findResourceMedia } from './resource-media.ts';
import { pickResourceMediaFile } from './resource-thumbnails.ts';

describe.each(TEST_ENGINES)('demo resource media on %s', (engine) => {
  let api: TestApi;
  let search: SearchEngine;
  let seconds = 0;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await api.db.transaction((tx) => seedDemo(tx));
    const started = performance.now();
    await seedDemoResourceMedia(api);
    seconds = (performance.now() - started) / 1000;
    search = createEmbeddedEngine(api.db);
    await search.setup();
    await reindexSearch(api.db, search);
  }, 60_000);
  afterAll(() => api?.close());

  const demoResources = () => api.db.select().from(schema.resources).where(eq(schema.resources.isDemo, true));

  it('gives every demo resource stored pictures with thumbnails, served publicly as uploaded ones are', async () => {
    const rows = await demoResources();
    expect(rows.length).toBeGreaterThan(20);
    expect(seconds).toBeLessThan(15);
    for (const row of rows.filter((r) => r.status === 'published')) {
      const images = row.media.filter((m) => m.kind === 'image');
      expect(images.length).toBeGreaterThan(0);
      const found = await findResourceMedia(api.db, null, row.id, images[0]!.key);
      expect(found).toMatchObject({ isPublic: true, contentType: 'image/jpeg' });
      const full = await pickResourceMediaFile(api.files, found!, 'full');
      const thumb = await pickResourceMediaFile(api.files, found!, 'thumb');
      expect(thumb).toMatchObject({ isThumbnail: true, contentType: 'image/jpeg' });
      expect(thumb!.bytes).toBeLessThan(full!.bytes);
      const path = api.files.localPath(thumb!.storageKey)!;
      expect(sniffFormat(readFileSync(path).subarray(0, 16))).toBe('jpeg');
      expect((await inspectJpeg(path))?.width).toBe(480);
    }
  });

  it('gives one demo video resource a playable video that passes the upload checks', async () => {
    const videos = (await demoResources()).flatMap((r) => r.media.filter((m) => m.kind === 'video').map((m) => ({ resource: r, item: m })));
    expect(videos).toHaveLength(1);
    const { resource, item } = videos[0]!;
    expect(resource).toMatchObject({ type: 'video', status: 'published' });
    const found = await findResourceMedia(api.db, null, resource.id, item.key);
    expect(found).toMatchObject({ kind: 'video', contentType: 'video/mp4', isPublic: true });
    const check = await checkResourceVideo(api.files.localPath(found!.storageKey)!);
    expect(check.ok).toBe(true);
    expect(item).toMatchObject({ bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), width: 640, height: 360 });
  });

  it('runs once: a second run adds nothing', async () => {
    const before = (await demoResources()).map((r) => r.media.length);
    expect(await seedDemoResourceMedia(api)).toBe(0);
    expect((await demoResources()).map((r) => r.media.length)).toEqual(before);
  });

  it('makes the README examples work: 望远 finds the telescope exhibit with its picture, Qian finds 钱学森', async () => {
    const telescope = await search.query({ q: '望远' });
    expect(telescope.hits.length).toBeGreaterThan(0);
    expect(telescope.hits[0]!.title).toContain('望远镜');
    expect(telescope.hits[0]!.cover).toContain(`/files/resources/${telescope.hits[0]!.id}/`);
    const qian = await search.query({ q: 'Qian', filters: { scientist: ['钱学森'] } });
    expect(qian.total).toBeGreaterThan(2);
    expect((await search.query({ q: 'qianxuesen' })).total).toBe(qian.total);
  });
});
