import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from './file-store.ts';

export type ExpectedFile = { bytes?: number; sha256?: string };
export type CopyFailure = { key: string; reason: string };
export type CopyReport = { listed: number; copied: number; skipped: number; bytesCopied: number; failures: CopyFailure[] };

/**
 * Copies every file of one store into another (moving an installation from the local disk to S3, or
 * back). Resumable: a file the target already holds with the same size is skipped, so a run that was
 * stopped goes on where it was. Each copy is checked on the way — its size against the source's listing
 * and, where the database recorded one, its sha256 — before it is put into the target; the source is
 * never changed.
 */
export async function copyStore(
  from: FileStore,
  to: FileStore,
  options: { tempDir: string; expected?: (key: string) => ExpectedFile | undefined; onFile?: (key: string, outcome: 'copied' | 'skipped' | 'failed') => void },
): Promise<CopyReport> {
  await mkdir(options.tempDir, { recursive: true });
  const report: CopyReport = { listed: 0, copied: 0, skipped: 0, bytesCopied: 0, failures: [] };
  for await (const file of from.list()) {
    report.listed += 1;
    const expected = options.expected?.(file.key);
    // Already there with the same size (a run that was stopped): skip, unless the source itself disagrees with the database.
    if ((await to.size(file.key)) === file.size && (expected?.bytes === undefined || expected.bytes === file.size)) {
      report.skipped += 1;
      options.onFile?.(file.key, 'skipped');
      continue;
    }
    const temp = join(options.tempDir, `copy-${randomUUID()}`);
    try {
      const hash = createHash('sha256');
      let bytes = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(await from.read(file.key), tap, createWriteStream(temp));
      const sha256 = hash.digest('hex');
      if (bytes !== file.size) throw new Error(`read ${bytes} bytes, the source lists ${file.size}`);
      if (expected?.bytes !== undefined && expected.bytes !== bytes) throw new Error(`${bytes} bytes, the database recorded ${expected.bytes}`);
      if (expected?.sha256 && expected.sha256 !== sha256) throw new Error(`sha256 ${sha256} differs from the recorded ${expected.sha256}`);
      await to.putFile(file.key, temp);
      const stored = await to.size(file.key);
      if (stored !== bytes) throw new Error(`the target holds ${stored ?? 'nothing'} bytes after the copy, expected ${bytes}`);
      report.copied += 1;
      report.bytesCopied += bytes;
      options.onFile?.(file.key, 'copied');
    } catch (error) {
      report.failures.push({ key: file.key, reason: (error as Error).message });
      options.onFile?.(file.key, 'failed');
    } finally {
      await rm(temp, { force: true });
    }
  }
  return report;
}
