import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { probeVideo } from './ffprobe.ts';
import { inspectJpeg } from './jpeg.ts';
import { stripMetadata } from './strip-metadata.ts';
import { IDENTIFYING_TEXT, makeTaggedJpeg, makeTaggedPng, makeTaggedVideo } from './testing/fixtures.ts';
import { makeThumbnail } from './thumbnail.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ssb-strip-'));
const path = (name: string) => join(dir, name);
const naming = [Buffer.from(IDENTIFYING_TEXT, 'utf8'), Buffer.from('13800000000', 'latin1'), Buffer.from('Zhang San', 'latin1')];
const namesMaker = (bytes: Buffer) => naming.some((text) => bytes.includes(text));

/** The decoded pixels, as ffmpeg sees them (no autorotation, to compare the image data itself). */
async function pixels(file: string) {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-noautorotate', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function probeTags(file: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  return stdout;
}

describe('stripping the metadata that names who made a photo', () => {
  it('removes EXIF, XMP, IPTC and comments from a JPEG and keeps its image data byte for byte', async () => {
    await makeTaggedJpeg(path('tagged.jpg'), { width: 640, height: 480 });
    expect(namesMaker(readFileSync(path('tagged.jpg')))).toBe(true);
    await stripMetadata(path('tagged.jpg'), path('clean.jpg'), 'jpeg');
    const clean = readFileSync(path('clean.jpg'));
    expect(namesMaker(clean)).toBe(false);
    expect(clean.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(clean.includes(Buffer.from('http://ns.adobe.com/xap', 'latin1'))).toBe(false);
    expect(clean.includes(Buffer.from('Photoshop 3.0', 'latin1'))).toBe(false);
    expect(await inspectJpeg(path('clean.jpg'))).toEqual({ width: 640, height: 480, isComplete: true });
    expect((await pixels(path('clean.jpg'))).equals(await pixels(path('tagged.jpg')))).toBe(true);
  });

  it("keeps a phone photo's orientation alone, so it still shows upright", async () => {
    await makeTaggedJpeg(path('phone.jpg'), { width: 800, height: 600, orientation: 6 });
    await stripMetadata(path('phone.jpg'), path('phone-clean.jpg'), 'jpeg');
    expect(namesMaker(readFileSync(path('phone-clean.jpg')))).toBe(false);
    await makeThumbnail(path('phone-clean.jpg'), path('phone-thumb.jpg'), { width: 300 });
    expect(await inspectJpeg(path('phone-thumb.jpg'))).toMatchObject({ width: 300, height: 400 });
  });

  it('removes text and EXIF chunks from a PNG and keeps the picture', async () => {
    await makeTaggedPng(path('tagged.png'), { width: 320, height: 200 });
    expect(namesMaker(readFileSync(path('tagged.png')))).toBe(true);
    await stripMetadata(path('tagged.png'), path('clean.png'), 'png');
    expect(namesMaker(readFileSync(path('clean.png')))).toBe(false);
    expect((await pixels(path('clean.png'))).equals(await pixels(path('tagged.png')))).toBe(true);
  });

  it('refuses bytes that are not the named format', async () => {
    await makeTaggedPng(path('not-a.jpg'), { width: 32, height: 32 });
    await expect(stripMetadata(path('not-a.jpg'), path('out.jpg'), 'jpeg')).rejects.toThrow(/not a JPEG/);
  });
});

describe('stripping the tags that name who made a video', () => {
  it('removes title, artist, comment and handler names from an MP4 without re-encoding', async () => {
    await makeTaggedVideo(path('tagged.mp4'));
    expect(await probeTags(path('tagged.mp4'))).toContain(IDENTIFYING_TEXT);
    await stripMetadata(path('tagged.mp4'), path('clean.mp4'), 'mp4');
    const tags = await probeTags(path('clean.mp4'));
    expect(tags).not.toContain(IDENTIFYING_TEXT);
    expect(namesMaker(readFileSync(path('clean.mp4')))).toBe(false);
    const json = JSON.parse(tags) as { format: { format_name: string; duration: string }; streams: Array<{ codec_type: string }> };
    expect(json.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Number(json.format.duration)).toBeCloseTo(1, 0);
  });

  it("keeps a MOV's container and a phone video's rotation", async () => {
    await makeTaggedVideo(path('phone.mov'), { format: 'mov', rotate: 90 });
    await stripMetadata(path('phone.mov'), path('phone-clean.mov'), 'mov');
    expect(namesMaker(readFileSync(path('phone-clean.mov')))).toBe(false);
    expect(await probeVideo(path('phone-clean.mov'))).toMatchObject({ formatName: expect.stringContaining('mov'), rotation: expect.any(Number) });
    expect(Math.abs((await probeVideo(path('phone-clean.mov')))!.rotation)).toBe(90);
  });
});
