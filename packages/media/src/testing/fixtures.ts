import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function ffmpeg(args: string[]) {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { timeout: 240_000 });
}

const FIXTURES_VERSION = 1;

/**
 * Real media files made with ffmpeg, for tests: right and wrong in each way the notice cares about.
 * Made once per machine into a shared temporary folder (they take a while on two cores) and reused.
 */
export async function makeMediaFixtures() {
  const shared = join(tmpdir(), `ssb-media-fixtures-v${FIXTURES_VERSION}`);
  const path = (name: string) => join(shared, name);
  if (existsSync(join(shared, '.complete'))) return { dir: shared, path };
  const fresh = await generateFixtures(mkdtempSync(join(tmpdir(), 'ssb-media-')));
  await writeFile(join(fresh.dir, '.complete'), '');
  try {
    renameSync(fresh.dir, shared);
  } catch {
    // Another test process finished first: use theirs.
    rmSync(fresh.dir, { recursive: true, force: true });
  }
  return { dir: shared, path };
}

async function generateFixtures(dir: string) {
  const path = (name: string) => join(dir, name);
  // Random noise compresses badly, so a 2400×1800 JPEG at top quality is comfortably over 2 MB.
  await ffmpeg(['-f', 'lavfi', '-i', 'nullsrc=s=2400x1800,geq=random(1)*255:random(2)*255:random(3)*255', '-frames:v', '1', '-q:v', '1', path('photo-large.jpg')]);
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=800x600', '-frames:v', '1', '-q:v', '5', path('photo-small.jpg')]);
  await ffmpeg(['-f', 'lavfi', '-i', 'nullsrc=s=2400x1800,geq=random(1)*255:128:128', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', path('photo-is-png.jpg')]);
  const large = await readFile(path('photo-large.jpg'));
  await writeFile(path('photo-truncated.jpg'), large.subarray(0, Math.floor(large.length * 0.8)));

  const video = (size: string, seconds: number, extra: string[], name: string) =>
    ffmpeg(['-f', 'lavfi', '-i', `testsrc=s=${size}:r=5`, '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...extra, path(name)]);
  await video('1920x1080', 3, ['-movflags', '+faststart'], 'landscape.mp4');
  await video('1080x1920', 3, [], 'portrait.mov');
  await video('1280x720', 3, [], 'hd720.mp4');
  await video('1920x1080', 3, ['-f', 'matroska'], 'matroska-named.mp4');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=1920x1080:r=1', '-t', '312', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path('too-long.mp4')]);
  // A phone's portrait video: stored 1920×1080 with a 90° rotation flag.
  await ffmpeg(['-i', path('landscape.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', path('phone-portrait.mp4')]);
  await copyFile(path('landscape.mp4'), path('video-truncated.mp4'));
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(path('landscape.mp4')));
  await truncate(path('video-truncated.mp4'), Math.floor(size * 0.6));
  await writeFile(path('empty.mp4'), Buffer.alloc(0));
  return { dir, path };
}

/**
 * One photo made on the spot (fast, unlike the shared set): ffmpeg's test pattern at the given size,
 * as JPEG or PNG (`transparent` leaves a PNG fully see-through), optionally with an EXIF orientation
 * tag such as a phone writes (6: turn 90° clockwise to show).
 */
export async function makeTestImage(path: string, options: { width: number; height: number; format?: 'jpeg' | 'png'; transparent?: boolean; exifOrientation?: number }) {
  const size = `s=${options.width}x${options.height}`;
  const source = options.transparent ? `color=c=red@0.0:${size},format=rgba` : `testsrc=${size}`;
  const codec = options.format === 'png' ? ['-f', 'image2', '-c:v', 'png'] : ['-f', 'image2', '-c:v', 'mjpeg', '-q:v', '3'];
  await ffmpeg(['-f', 'lavfi', '-i', source, '-frames:v', '1', '-update', '1', ...codec, path]);
  if (options.exifOrientation) await writeFile(path, withExifOrientation(await readFile(path), options.exifOrientation));
  return path;
}

/** Inserts an EXIF segment holding only the orientation tag (0x0112) right after the JPEG's start marker. */
function withExifOrientation(jpeg: Buffer, orientation: number) {
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** What tagged fixtures say about their maker: a unit's name and its contact, as a camera owner would set them. */
export const IDENTIFYING_TEXT = '北京示例科技馆 联系人张三 13800000000';

const segment = (marker: number, payload: Buffer) => {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
};

/** A little-endian TIFF whose first IFD holds the given ASCII tags, the orientation and a GPS IFD with a latitude reference. */
function exifNaming(text: string, orientation: number) {
  const ascii = Buffer.from(`${text}\0`, 'utf8');
  const tags: Array<[number, number, number, number | Buffer]> = [
    [0x010e, 2, ascii.length, ascii], // ImageDescription
    [0x0112, 3, 1, orientation],
    [0x013b, 2, ascii.length, ascii], // Artist
    [0x8298, 2, ascii.length, ascii], // Copyright
    [0x8825, 4, 1, 0], // GPS IFD, filled in below
  ];
  const ifdSize = 2 + tags.length * 12 + 4;
  const gpsSize = 2 + 12 + 4;
  let dataAt = 8 + ifdSize + gpsSize;
  const ifd = Buffer.alloc(ifdSize);
  const data: Buffer[] = [];
  ifd.writeUInt16LE(tags.length, 0);
  tags.forEach(([tag, type, n, value], i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(n, at + 4);
    if (Buffer.isBuffer(value)) {
      ifd.writeUInt32LE(dataAt, at + 8);
      data.push(value);
      dataAt += value.length;
    } else if (tag === 0x8825) ifd.writeUInt32LE(8 + ifdSize, at + 8);
    else ifd.writeUInt16LE(value, at + 8);
  });
  const gps = Buffer.alloc(gpsSize);
  gps.writeUInt16LE(1, 0);
  gps.writeUInt16LE(0x0001, 2); // GPSLatitudeRef
  gps.writeUInt16LE(2, 4);
  gps.writeUInt32LE(2, 6);
  gps.write('N\0', 10, 'latin1');
  return Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), ifd, gps, ...data]);
}

/**
 * A JPEG carrying everything a camera or editor may write about its maker: EXIF (description,
 * artist, copyright, GPS, orientation), XMP, IPTC (APP13) and a comment, all naming IDENTIFYING_TEXT;
 * a test pattern of the given size, or a copy of the JPEG `from` (e.g. the shared set's large photo).
 */
export async function makeTaggedJpeg(path: string, options: { width: number; height: number; orientation?: number } | { from: string; orientation?: number }) {
  if ('from' in options) await copyFile(options.from, path);
  else await makeTestImage(path, { width: options.width, height: options.height });
  const jpeg = await readFile(path);
  const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>${IDENTIFYING_TEXT}</dc:creator></x:xmpmeta>`, 'utf8');
  const byline = Buffer.from(IDENTIFYING_TEXT, 'utf8');
  const iptcRecord = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, byline.length >> 8, byline.length & 0xff]), byline]);
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), Buffer.alloc(4), iptcRecord]);
  resource.writeUInt32BE(iptcRecord.length, 10);
  const segments = [
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifNaming(IDENTIFYING_TEXT, options.orientation ?? 1)])),
    segment(0xe1, xmp),
    segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource])),
    segment(0xfe, Buffer.from(IDENTIFYING_TEXT, 'utf8')),
  ];
  await writeFile(path, Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]));
  return path;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};

/** A PNG with tEXt, iTXt and eXIf chunks naming IDENTIFYING_TEXT, right after its header chunk. */
export async function makeTaggedPng(path: string, options: { width: number; height: number }) {
  await makeTestImage(path, { ...options, format: 'png' });
  const png = await readFile(path);
  const afterHeader = 8 + 12 + png.readUInt32BE(8);
  const text = Buffer.from(IDENTIFYING_TEXT, 'utf8');
  const chunks = [
    pngChunk('tEXt', Buffer.concat([Buffer.from('Author\0', 'latin1'), Buffer.from('Zhang San 13800000000', 'latin1')])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Description\0\0\0\0\0', 'latin1'), text])),
    pngChunk('eXIf', exifNaming(IDENTIFYING_TEXT, 1)),
  ];
  await writeFile(path, Buffer.concat([png.subarray(0, afterHeader), ...chunks, png.subarray(afterHeader)]));
  return path;
}

/** A short video whose container and streams are tagged with IDENTIFYING_TEXT (title, artist, comment, handler names). */
export async function makeTaggedVideo(path: string, options: { size?: string; seconds?: number; format?: 'mp4' | 'mov'; rotate?: number } = {}) {
  const tag = IDENTIFYING_TEXT;
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc=s=${options.size ?? '320x240'}:r=5`, '-f', 'lavfi', '-i', 'sine=frequency=440',
    '-t', String(options.seconds ?? 1), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    '-metadata', `title=${tag}`, '-metadata', `artist=${tag}`, '-metadata', `comment=${tag}`, '-metadata', `description=${tag}`,
    '-metadata:s:v:0', `handler_name=${tag}`, '-metadata:s:a:0', `handler_name=${tag}`, '-metadata:s:v:0', `title=${tag}`,
    '-f', options.format ?? 'mp4', path,
  ]);
  if (options.rotate) {
    const rotated = `${path}.rotated`;
    await ffmpeg(['-i', path, '-map', '0', '-c', 'copy', '-map_metadata', '0', '-metadata:s:v:0', `rotate=${options.rotate}`, '-f', options.format ?? 'mp4', rotated]);
    renameSync(rotated, path);
  }
  return path;
}
