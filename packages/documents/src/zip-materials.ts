import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipArchive } from 'archiver';

/** A material's bytes: a file on this machine, or a stream opened when its turn in the zip comes (a remote store). */
export type MaterialSource = { path: string } | { open: () => Promise<Readable> };

export type NominationMaterials = {
  unitName: string;
  photos: ReadonlyArray<MaterialSource & { format: 'jpeg' }>;
  videos: ReadonlyArray<MaterialSource & { format: 'mp4' | 'mov' }>;
  applicationPdf?: Buffer;
  /** Materials on record whose files are gone: listed in a note in the zip rather than failing it. */
  missing?: readonly string[];
};

export type MaterialEntry = { name: string } & (MaterialSource | { data: Buffer });

const MAX_NAME_LENGTH = 80;

/** A unit name made safe for a file name on Windows, macOS and Linux; Chinese characters are kept. */
export function sanitizeFileName(name: string, fallback = '申报单位'): string {
  const cleaned = name
    .normalize('NFC')
    // Control characters are exactly what must not reach a file name.
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    // Windows drops trailing dots and spaces, and refuses a name that is only dots.
    .replace(/[. ]+$/, '')
    .replace(/^\.+/, '');
  const clipped = [...cleaned].slice(0, MAX_NAME_LENGTH).join('').trim();
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(clipped) || clipped === '' ? fallback : clipped;
}

/**
 * The standard names of the notice: photos and videos "unit name + sequence number"
 * (`中国科学院自然科学史研究所1.jpg`, `…1.mp4`), and `{unit name}-申报表.pdf`.
 */
export function nominationEntries(input: NominationMaterials): MaterialEntry[] {
  const unit = sanitizeFileName(input.unitName);
  const entries: MaterialEntry[] = [];
  const source = (m: MaterialSource): MaterialSource => ('path' in m ? { path: m.path } : { open: m.open });
  input.photos.forEach((photo, i) => entries.push({ name: `${unit}${i + 1}.jpg`, ...source(photo) }));
  input.videos.forEach((video, i) => entries.push({ name: `${unit}${i + 1}.${video.format === 'mov' ? 'mov' : 'mp4'}`, ...source(video) }));
  if (input.applicationPdf) entries.push({ name: `${unit}-申报表.pdf`, data: input.applicationPdf });
  if (input.missing?.length) {
    const note = `以下材料已登记，但文件未能找到，未包含在本压缩包中：\r\n${input.missing.map((name) => `- ${name}`).join('\r\n')}\r\n`;
    entries.push({ name: '缺失材料说明.txt', data: Buffer.from(note, 'utf8') });
  }
  return entries;
}

/** A stream that opens its source only when first read, so a zip of 30 videos holds one remote read open at a time. */
function opened(open: () => Promise<Readable>): Readable {
  return Readable.from(
    (async function* () {
      yield* await open();
    })(),
    { objectMode: false },
  );
}

/**
 * Zips one nomination's materials under their standard names into a stream or a file. Entry names
 * are UTF-8 with the zip's UTF-8 flag set (bit 11), so Windows and macOS show the Chinese names.
 * Photos and videos are stored, not deflated: they are compressed already.
 */
export async function zipNominationMaterials(input: NominationMaterials, output: Writable | string): Promise<{ entries: string[]; bytes: number }> {
  const entries = nominationEntries(input);
  // Check every file first, so a missing one fails before anything is written.
  for (const entry of entries) {
    if (!('path' in entry)) continue;
    const found = await stat(entry.path).catch(() => undefined);
    if (!found?.isFile()) throw new Error(`材料文件不存在：${entry.path}（${entry.name}）`);
  }
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const target = typeof output === 'string' ? createWriteStream(output) : output;
  let warning: Error | undefined;
  archive.on('warning', (error) => (warning = error));
  const date = new Date();
  for (const entry of entries) {
    // append() keeps the entries in order (file() would stat first and reorder them).
    if ('path' in entry) archive.append(createReadStream(entry.path), { name: entry.name, store: true, date });
    else if ('open' in entry) archive.append(opened(entry.open), { name: entry.name, store: true, date });
    else archive.append(entry.data, { name: entry.name, date });
  }
  try {
    await Promise.all([pipeline(archive, target), archive.finalize()]);
  } catch (error) {
    // Leave no half-written zip behind under the standard name.
    if (typeof output === 'string') await rm(output, { force: true });
    throw error;
  }
  if (warning) throw warning;
  return { entries: entries.map((e) => e.name), bytes: archive.pointer() };
}
