import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { nominationEntries, sanitizeFileName, zipNominationMaterials } from './zip-materials.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssb-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, bytes: number) => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(bytes, name.length));
  return path;
};

/** Names and general-purpose flags from the zip's central directory. */
function centralDirectory(zip: Buffer): Array<{ name: string; flags: number; method: number }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    out.push({ name: zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'), flags, method });
    offset += 46 + nameLength + extra + comment;
  }
  return out;
}

describe('sanitizeFileName', () => {
  it('strips characters Windows forbids and control characters, keeps Chinese', () => {
    expect(sanitizeFileName('中国科学院/自然科学史:研究所*?"<>|\u0007\t')).toBe('中国科学院自然科学史研究所');
    expect(sanitizeFileName('  航天  科学家\\纪念馆. ')).toBe('航天 科学家纪念馆');
    expect(sanitizeFileName('...')).toBe('申报单位');
    expect(sanitizeFileName('CON')).toBe('申报单位');
    expect([...sanitizeFileName('馆'.repeat(200))]).toHaveLength(80);
  });
});

describe('zipNominationMaterials', () => {
  const unitName = '中国科学院自然科学史研究所';
  const materials = {
    unitName: `${unitName}/`,
    photos: [{ path: file('a.jpg', 3000), format: 'jpeg' as const }, { path: file('b.jpg', 2000), format: 'jpeg' as const }, { path: file('c.jpg', 1000), format: 'jpeg' as const }],
    videos: [{ path: file('v.mp4', 5000), format: 'mp4' as const }, { path: file('w.mov', 4000), format: 'mov' as const }],
    applicationPdf: Buffer.from('%PDF-1.7 test'),
  };
  const expected = [`${unitName}1.jpg`, `${unitName}2.jpg`, `${unitName}3.jpg`, `${unitName}1.mp4`, `${unitName}2.mov`, `${unitName}-申报表.pdf`];

  it('names the entries the notice\'s way', () => {
    expect(nominationEntries(materials).map((e) => e.name)).toEqual(expected);
  });

  it('writes a zip file that unzip lists with the Chinese names, flagged UTF-8', async () => {
    const out = join(dir, 'materials.zip');
    const result = await zipNominationMaterials(materials, out);
    expect(result.entries).toEqual(expected);
    const zip = readFileSync(out);
    expect(result.bytes).toBe(zip.length);
    const listed = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listed).toEqual(expected);
    const central = centralDirectory(zip);
    expect(central.map((e) => e.name)).toEqual(expected);
    for (const entry of central) expect(entry.flags & 0x0800, entry.name).toBe(0x0800);
    // Media are stored as they are; the PDF is deflated.
    expect(central.slice(0, 5).map((e) => e.method)).toEqual([0, 0, 0, 0, 0]);
    expect(central[5]!.method).toBe(8);
    execFileSync('unzip', ['-tq', out]);
    const extracted = execFileSync('unzip', ['-p', out, `${unitName}1.jpg`]);
    expect(extracted.equals(readFileSync(materials.photos[0]!.path))).toBe(true);
  });

  it('streams to a writable', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const result = await zipNominationMaterials({ unitName, photos: materials.photos.slice(0, 1), videos: [] }, sink);
    const zip = Buffer.concat(chunks);
    expect(result.bytes).toBe(zip.length);
    expect(centralDirectory(zip).map((e) => e.name)).toEqual([`${unitName}1.jpg`]);
  });

  it('fails when a file is missing', async () => {
    const out = join(dir, 'x.zip');
    await expect(zipNominationMaterials({ unitName, photos: [{ path: join(dir, 'missing.jpg'), format: 'jpeg' }], videos: [] }, out)).rejects.toThrow(/材料文件不存在/);
    expect(existsSync(out)).toBe(false);
  });
});
