import { beforeAll, describe, expect, it } from 'vitest';
import { checkPhoto, checkVideo } from './check-media.ts';
import { makeMediaFixtures } from './testing/fixtures.ts';

let file: (name: string) => string;
beforeAll(async () => {
  file = (await makeMediaFixtures()).path;
});

describe('photos', () => {
  it('accepts a JPEG of at least 2 MB and reports its size', async () => {
    const result = await checkPhoto(file('photo-large.jpg'));
    expect(result).toMatchObject({ ok: true, errors: [], format: 'jpeg', width: 2400, height: 1800 });
    expect(result.bytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });
  it('refuses a JPEG under 2 MB, saying how big it is', async () => {
    const result = await checkPhoto(file('photo-small.jpg'));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.stringMatching(/^照片大小 \d+ KB，小于 2 MB$/)]);
  });
  it('refuses a PNG named .jpg, naming what it really is', async () => {
    const result = await checkPhoto(file('photo-is-png.jpg'));
    expect(result).toMatchObject({ ok: false, format: 'png' });
    expect(result.errors[0]).toContain('实际为 PNG');
  });
  it('refuses a truncated JPEG', async () => {
    const result = await checkPhoto(file('photo-truncated.jpg'));
    expect(result.ok).toBe(false);
    expect(result.errors).toContain('照片文件不完整或已损坏，请重新导出后上传');
  });
  it('refuses a video renamed .jpg', async () => {
    const result = await checkPhoto(file('landscape.mp4'));
    expect(result).toMatchObject({ ok: false, format: 'mp4' });
  });
});

describe('videos', () => {
  it('accepts a 1920×1080 MP4 under 5 minutes', async () => {
    expect(await checkVideo(file('landscape.mp4'))).toMatchObject({ ok: true, format: 'mp4', width: 1920, height: 1080, durationSeconds: 3 });
  });
  it('accepts a 1080×1920 MOV', async () => {
    expect(await checkVideo(file('portrait.mov'))).toMatchObject({ ok: true, format: 'mov', width: 1080, height: 1920 });
  });
  it("counts a phone's rotated landscape-stored video as portrait", async () => {
    expect(await checkVideo(file('phone-portrait.mp4'))).toMatchObject({ ok: true, width: 1080, height: 1920 });
  });
  it('refuses 1280×720 with the resolution in the message', async () => {
    const result = await checkVideo(file('hd720.mp4'));
    expect(result.errors).toEqual(['分辨率 1280×720，应为 1920×1080 或 1080×1920']);
  });
  it('refuses a video over 5 minutes with its duration in minutes and seconds', async () => {
    const result = await checkVideo(file('too-long.mp4'));
    expect(result.errors).toEqual(['时长 5分12秒，超过 5分钟']);
    expect(result.durationSeconds).toBeCloseTo(312, 0);
  });
  it('refuses a Matroska file named .mp4', async () => {
    const result = await checkVideo(file('matroska-named.mp4'));
    expect(result).toMatchObject({ ok: false, format: 'mkv', errors: ['视频格式为 MKV，应为 MP4 或 MOV'] });
  });
  it('refuses a truncated MP4 even when its index comes first', async () => {
    const result = await checkVideo(file('video-truncated.mp4'));
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toContain('不完整');
  });
  it('refuses an empty file and a JPEG named .mp4', async () => {
    expect((await checkVideo(file('empty.mp4'))).errors).toEqual(['文件为空']);
    expect(await checkVideo(file('photo-large.jpg'))).toMatchObject({ ok: false, format: 'jpeg' });
  });
});
