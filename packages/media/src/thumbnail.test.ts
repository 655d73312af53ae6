import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspectJpeg } from './jpeg.ts';
import { sniffFormat } from './sniff.ts';
import { makeTestImage } from './testing/fixtures.ts';
import { makeThumbnail } from './thumbnail.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ssb-thumb-'));
const path = (name: string) => join(dir, name);

/** The first pixel's colour, decoded by ffmpeg. */
async function firstPixel(file: string) {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 });
  return [...stdout.subarray(0, 3)];
}

describe('thumbnails of photos', () => {
  it('shrinks a 2000×1500 JPEG to a 480×360 JPEG', async () => {
    await makeTestImage(path('big.jpg'), { width: 2000, height: 1500 });
    await makeThumbnail(path('big.jpg'), path('big-thumb.jpg'), { width: 480 });
    expect(sniffFormat(readFileSync(path('big-thumb.jpg')).subarray(0, 16))).toBe('jpeg');
    expect(await inspectJpeg(path('big-thumb.jpg'))).toEqual({ width: 480, height: 360, isComplete: true });
  });

  it('never enlarges a small picture', async () => {
    await makeTestImage(path('small.jpg'), { width: 300, height: 201 });
    await makeThumbnail(path('small.jpg'), path('small-thumb.jpg'), { width: 480 });
    expect(await inspectJpeg(path('small-thumb.jpg'))).toMatchObject({ width: 300, height: 201 });
  });

  it("turns a phone's photo upright from its EXIF orientation", async () => {
    await makeTestImage(path('phone.jpg'), { width: 1600, height: 1200, exifOrientation: 6 });
    await makeThumbnail(path('phone.jpg'), path('phone-thumb.jpg'), { width: 480 });
    expect(await inspectJpeg(path('phone-thumb.jpg'))).toMatchObject({ width: 480, height: 640 });
  });

  it('makes a JPEG of a PNG, with its transparent parts on white', async () => {
    await makeTestImage(path('clear.png'), { width: 900, height: 600, format: 'png', transparent: true });
    await makeThumbnail(path('clear.png'), path('clear-thumb.jpg'), { width: 480 });
    expect(await inspectJpeg(path('clear-thumb.jpg'))).toMatchObject({ width: 480, height: 320 });
    const [r, g, b] = await firstPixel(path('clear-thumb.jpg'));
    expect(Math.min(r!, g!, b!)).toBeGreaterThan(245);
  });

  it('fails with the reason when the bytes are not a picture', async () => {
    const broken = path('broken.jpg');
    writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 9)]));
    await expect(makeThumbnail(broken, path('broken-thumb.jpg'), { width: 480 })).rejects.toThrow(/ffmpeg could not make a thumbnail/);
  });
});
