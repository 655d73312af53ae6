import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertSafeKey, FileNotFoundError, isSafeKey, RangeNotSatisfiableError, type ByteRange, type FileStore } from './file-store.ts';

export function createLocalFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(root, key);
  };
  const sizeOf = async (key: string) => {
    const found = await stat(pathOf(key)).catch(() => undefined);
    return found?.isFile() ? found.size : null;
  };
  return {
    kind: 'local',
    async putFile(key, sourcePath) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(sourcePath, target);
      } catch (error) {
        // Across file systems a rename fails: copy, then remove the source.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(sourcePath, target);
        await unlink(sourcePath);
      }
    },
    async read(key, range?: ByteRange): Promise<Readable> {
      const size = await sizeOf(key);
      if (size === null) throw new FileNotFoundError(key);
      if (!range) return createReadStream(pathOf(key));
      if (range.start >= size || range.start > range.end) throw new RangeNotSatisfiableError(key, range);
      return createReadStream(pathOf(key), { start: range.start, end: Math.min(range.end, size - 1) });
    },
    size: sizeOf,
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async *list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const key = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
        // Half-written temporary files and anything not made by the platform are not stored files.
        if (!isSafeKey(key)) continue;
        const found = await stat(join(root, key)).catch(() => undefined);
        if (found?.isFile()) yield { key, size: found.size };
      }
    },
    localPath: (key) => pathOf(key),
    async check() {
      await mkdir(root, { recursive: true });
    },
  };
}
