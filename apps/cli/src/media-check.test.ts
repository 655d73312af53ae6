import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSX = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');

function mediaCheck(file: string, kind: string, cwd = process.cwd()) {
  return new Promise<{ code: number | null; json: Record<string, unknown> }>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    for (const key of ['INIT_CWD', 'npm_lifecycle_event']) delete env[key];
    const child = spawn(process.execPath, [TSX, ENTRY, 'media:check', file, '--as', kind], { cwd, env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, json: JSON.parse(stdout.trim().split('\n').at(-1) || '{}') }));
  });
}

describe('pnpm cli media:check', () => {
  let fixtures: Awaited<ReturnType<typeof makeMediaFixtures>>;
  beforeAll(async () => {
    fixtures = await makeMediaFixtures();
  });

  it('exits 0 with the figures for a video that passes, the path relative to where it ran', async () => {
    const run = await mediaCheck('landscape.mp4', 'video', fixtures.dir);
    expect(run).toEqual({ code: 0, json: { ok: true, errors: [], format: 'mp4', width: 1920, height: 1080, durationSeconds: 3, bytes: expect.any(Number) } });
  });

  it('exits 1 with the reason for a refused file', async () => {
    const run = await mediaCheck(fixtures.path('too-long.mp4'), 'video');
    expect(run.code).toBe(1);
    expect(run.json.errors).toEqual(['时长 5分12秒，超过 5分钟']);
    const photo = await mediaCheck(fixtures.path('photo-is-png.jpg'), 'photo');
    expect(photo).toMatchObject({ code: 1, json: { ok: false, format: 'png' } });
  });

  it('exits 2 when the file cannot be read', async () => {
    const run = await mediaCheck('/no/such/file.mp4', 'video');
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ ok: false, errors: [expect.stringContaining('文件不存在')] });
  });
});

describe('pnpm cli infra:upload-limits', () => {
  it('finds the committed proxy limits equal to the media limits of @ssb/domain', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [TSX, ENTRY, 'infra:upload-limits', '--check'], { env });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(code).toBe(0);
  });
});
