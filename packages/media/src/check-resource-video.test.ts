import { beforeAll, describe, expect, it } from 'vitest';
import { checkResourceVideo } from './check-resource-video.ts';
import { makeMediaFixtures } from './testing/fixtures.ts';

let file: (name: string) => string;
beforeAll(async () => {
  file = (await makeMediaFixtures()).path;
});

describe("videos shown with a shared resource", () => {
  it('accept any shape from 240p to 4K and up to 20 minutes, unlike application materials', async () => {
    expect(await checkResourceVideo(file('hd720.mp4'))).toMatchObject({ ok: true, format: 'mp4', width: 1280, height: 720, durationSeconds: 3 });
    expect(await checkResourceVideo(file('portrait.mov'))).toMatchObject({ ok: true, format: 'mov', width: 1080, height: 1920 });
    expect(await checkResourceVideo(file('too-long.mp4'))).toMatchObject({ ok: true });
  });
  it('refuse a Matroska file named .mp4, a truncated MP4 and an empty file, in Chinese', async () => {
    expect(await checkResourceVideo(file('matroska-named.mp4'))).toMatchObject({ ok: false, errors: ['视频格式为 MKV，应为 MP4 或 MOV（按文件内容识别，改扩展名无效）'] });
    expect((await checkResourceVideo(file('video-truncated.mp4'))).errors).toEqual(['视频文件不完整或已损坏（可能上传中断或导出未完成），请重新导出后上传']);
    expect((await checkResourceVideo(file('empty.mp4'))).errors).toEqual(['文件为空']);
  });
});
