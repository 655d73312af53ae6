import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTarWriter, readTar } from './tar.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssb-tar-'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const longName = `files/materials/${'0123456789abcdef'.repeat(4)}/${'fedcba9876543210'.repeat(4)}-stripped.jpg`;

async function writeArchive(path: string, entries: Array<[string, Buffer]>) {
  const out = createWriteStream(path);
  const tar = createTarWriter(out);
  for (const [name, bytes] of entries) {
    // Streams in small chunks, as a store's read does.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7777) }, (_, i) => bytes.subarray(i * 7777, (i + 1) * 7777));
    await tar.add(name, bytes.length, Readable.from(chunks));
  }
  await tar.finish();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function readArchive(path: string) {
  const found: Array<[string, Buffer]> = [];
  for await (const entry of readTar(createReadStream(path, { highWaterMark: 3000 }))) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk as Buffer);
    found.push([entry.name, Buffer.concat(parts)]);
  }
  return found;
}

describe('the backup archive (ustar)', () => {
  const big = Buffer.alloc(3 * 1024 * 1024 + 5);
  for (let i = 0; i < big.length; i += 997) big[i] = i % 256;
  const entries: Array<[string, Buffer]> = [
    ['manifest.json', Buffer.from('{"format":"x"}')],
    ['files/empty.txt', Buffer.alloc(0)],
    [longName, Buffer.from('a stripped copy')],
    ['files/video.mp4', big],
    ['files/block.bin', Buffer.alloc(512, 1)],
  ];
  const path = join(dir, 'a.tar');

  it('reads back every entry, names over 100 bytes and empty files included, byte for byte', async () => {
    await writeArchive(path, entries);
    const found = await readArchive(path);
    expect(found.map(([name]) => name)).toEqual(entries.map(([name]) => name));
    for (const [i, [, bytes]] of found.entries()) expect(sha256(bytes)).toBe(sha256(entries[i]![1]));
  });

  it('is a tar archive any tar tool lists and extracts', () => {
    const listed = execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(entries.map(([name]) => name));
    const out = mkdtempSync(join(dir, 'x-'));
    execFileSync('tar', ['-xf', path, '-C', out]);
    expect(sha256(readFileSync(join(out, 'files/video.mp4')))).toBe(sha256(big));
    expect(readFileSync(join(out, longName), 'utf8')).toBe('a stripped copy');
  });

  it('refuses a body that is not the announced size', async () => {
    const tar = createTarWriter(createWriteStream(join(dir, 'b.tar')));
    await expect(tar.add('x', 10, Readable.from([Buffer.alloc(4)]))).rejects.toThrow(/gave 4 bytes, 10 announced/);
    await expect(tar.add('y', 2, Readable.from([Buffer.alloc(4)]))).rejects.toThrow(/longer than/);
  });

  it('says so when an archive is damaged or cut short', async () => {
    const bytes = readFileSync(path);
    const damaged = Buffer.from(bytes);
    damaged[10] = damaged[10]! ^ 0xff;
    writeFileSync(join(dir, 'damaged.tar'), damaged);
    await expect(readArchive(join(dir, 'damaged.tar'))).rejects.toThrow(/checksum/);
    writeFileSync(join(dir, 'cut.tar'), bytes.subarray(0, 2 * 1024 * 1024));
    await expect(readArchive(join(dir, 'cut.tar'))).rejects.toThrow(/cut short|ends/);
  });
});
