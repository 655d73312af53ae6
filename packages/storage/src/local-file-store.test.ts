import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createLocalFileStore } from './local-file-store.ts';

describe('local file store', () => {
  const root = mkdtempSync(join(tmpdir(), 'ssb-store-'));
  const store = createLocalFileStore(root);

  it('moves a file in and reads it whole or by byte range', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'ssb-src-')), 'a.bin');
    writeFileSync(source, '0123456789');
    await store.putFile('materials/app-1/file-1.mp4', source);
    expect(await store.size('materials/app-1/file-1.mp4')).toBe(10);
    expect(await text(await store.read('materials/app-1/file-1.mp4'))).toBe('0123456789');
    expect(await text(await store.read('materials/app-1/file-1.mp4', { start: 2, end: 5 }))).toBe('2345');
    await store.delete('materials/app-1/file-1.mp4');
    expect(await store.size('materials/app-1/file-1.mp4')).toBeNull();
  });

  it('refuses keys that could escape its folder', async () => {
    await expect(store.read('../etc/passwd')).rejects.toThrow(/unsafe/);
    await expect(store.putFile('/abs/path', '/tmp/x')).rejects.toThrow(/unsafe/);
  });
});
