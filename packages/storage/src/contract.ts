import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileNotFoundError, RangeNotSatisfiableError, type FileStore } from './file-store.ts';

export type StoreUnderTest = { store: FileStore; cleanup: () => Promise<void> };

const MB = 1024 * 1024;

/** Peak RSS growth while `work` runs, sampled every 20 ms. */
async function rssGrowth(work: () => Promise<void>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

/** A file of `bytes` written in 1 MB chunks that differ, so a mixed-up part changes the hash. */
async function writeLargeFile(path: string, bytes: number) {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(MB);
  await pipeline(
    (async function* () {
      for (let i = 0; i < bytes / MB; i++) {
        chunk.fill(i % 251);
        chunk.writeUInt32BE(i, 0);
        hash.update(chunk);
        yield chunk;
      }
    })(),
    createWriteStream(path),
  );
  return hash.digest('hex');
}

/**
 * The behaviour every FileStore must have; each store's test file calls this with a factory for an
 * empty store. `largeFileMb` is the size streamed in and out with flat memory.
 */
export function runFileStoreContract(label: string, create: () => Promise<StoreUnderTest>, options: { largeFileMb: number }) {
  describe(`FileStore contract: ${label}`, () => {
    let subject: StoreUnderTest;
    let store: FileStore;
    const scratch = mkdtempSync(join(tmpdir(), 'ssb-contract-'));
    const source = (name: string, content: string | Buffer) => {
      const path = join(scratch, name);
      writeFileSync(path, content);
      return path;
    };
    beforeAll(async () => {
      subject = await create();
      store = subject.store;
      await store.check();
    });
    afterAll(async () => {
      rmSync(scratch, { recursive: true, force: true });
      await subject?.cleanup();
    });

    it('moves a file in, reports its size and reads it whole', async () => {
      const from = source('a.bin', '0123456789');
      await store.putFile('materials/app-1/file-1.mp4', from);
      expect(existsSync(from)).toBe(false);
      expect(await store.size('materials/app-1/file-1.mp4')).toBe(10);
      expect(await text(await store.read('materials/app-1/file-1.mp4'))).toBe('0123456789');
    });

    it('reads byte ranges: first byte, middle, last byte, an end past the file clamped', async () => {
      await store.putFile('materials/app-1/range.mp4', source('r.bin', '0123456789'));
      const part = async (start: number, end: number) => text(await store.read('materials/app-1/range.mp4', { start, end }));
      expect(await part(0, 0)).toBe('0');
      expect(await part(2, 5)).toBe('2345');
      expect(await part(9, 9)).toBe('9');
      expect(await part(7, 1000)).toBe('789');
    });

    it('refuses a range that starts past the end with RangeNotSatisfiableError', async () => {
      await store.putFile('materials/app-1/short.mp4', source('s.bin', '0123456789'));
      await expect(store.read('materials/app-1/short.mp4', { start: 10, end: 20 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
      await expect(store.read('materials/app-1/short.mp4', { start: 5, end: 4 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    });

    it('gives FileNotFoundError for a missing key, null for its size, and deletes quietly', async () => {
      await expect(store.read('materials/none/missing.mp4')).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(store.read('materials/none/missing.mp4', { start: 0, end: 1 })).rejects.toBeInstanceOf(FileNotFoundError);
      expect(await store.size('materials/none/missing.mp4')).toBeNull();
      await store.delete('materials/none/missing.mp4');
    });

    it('deletes a file: its size becomes null and reads fail as not found', async () => {
      await store.putFile('materials/app-1/gone.jpg', source('g.bin', 'x'));
      await store.delete('materials/app-1/gone.jpg');
      expect(await store.size('materials/app-1/gone.jpg')).toBeNull();
      await expect(store.read('materials/app-1/gone.jpg')).rejects.toBeInstanceOf(FileNotFoundError);
    });

    it('lists every stored file with its size, and not a deleted one', async () => {
      await store.putFile('materials/app-2/listed-1.jpg', source('l1.bin', '0123456789'));
      await store.putFile('materials/app-2/deep/listed-2.mp4', source('l2.bin', 'abc'));
      await store.putFile('materials/app-2/listed-gone.jpg', source('l3.bin', 'x'));
      await store.delete('materials/app-2/listed-gone.jpg');
      const listed = new Map<string, number>();
      for await (const file of store.list()) listed.set(file.key, file.size);
      expect(listed.get('materials/app-2/listed-1.jpg')).toBe(10);
      expect(listed.get('materials/app-2/deep/listed-2.mp4')).toBe(3);
      expect(listed.has('materials/app-2/listed-gone.jpg')).toBe(false);
    });

    it('refuses keys that could escape the store', async () => {
      for (const key of ['../etc/passwd', '/abs/path', 'a//b', 'a/../b', '']) {
        await expect(store.read(key)).rejects.toThrow(/unsafe/);
        await expect(store.putFile(key, source('u.bin', 'x'))).rejects.toThrow(/unsafe/);
        await expect(store.size(key)).rejects.toThrow(/unsafe/);
        await expect(store.delete(key)).rejects.toThrow(/unsafe/);
      }
    });

    it(`streams a ${options.largeFileMb} MB file in and out with flat memory`, async () => {
      const bytes = options.largeFileMb * MB;
      const path = join(scratch, 'large.bin');
      const expected = await writeLargeFile(path, bytes);
      const started = performance.now();
      const putGrowth = await rssGrowth(() => store.putFile('resources/large/video.mp4', path));
      const putMs = performance.now() - started;
      expect(await store.size('resources/large/video.mp4')).toBe(bytes);
      const hash = createHash('sha256');
      const readStarted = performance.now();
      const readGrowth = await rssGrowth(async () => {
        for await (const chunk of await store.read('resources/large/video.mp4')) hash.update(chunk as Buffer);
      });
      const readMs = performance.now() - readStarted;
      expect(hash.digest('hex')).toBe(expected);
      const tail = await text(await store.read('resources/large/video.mp4', { start: bytes - 4, end: bytes - 1 }));
      expect(Buffer.from(tail, 'latin1').readUInt32BE(0) % 251).toBeGreaterThanOrEqual(0);
      console.info(`[${label}] ${options.largeFileMb} MB: put ${Math.round(putMs)} ms, rss +${Math.round(putGrowth / MB)} MB; read ${Math.round(readMs)} ms, rss +${Math.round(readGrowth / MB)} MB`);
      // "Flat" means bounded by buffers, not by the file: well under half the file and under 150 MB.
      expect(putGrowth).toBeLessThan(Math.min(bytes / 2, 150 * MB));
      expect(readGrowth).toBeLessThan(Math.min(bytes / 2, 150 * MB));
      await store.delete('resources/large/video.mp4');
    });
  });
}
