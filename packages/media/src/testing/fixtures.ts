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
