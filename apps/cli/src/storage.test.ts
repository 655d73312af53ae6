import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, schema } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { startS3rver } from '@ssb/storage/testing/s3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSX = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
const root = mkdtempSync(join(tmpdir(), 'ssb-cli-storage-'));
const dataDir = join(root, 'data');

type Run = { code: number | null; stdout: string; stderr: string };
function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'test', ...extraEnv };
  for (const key of ['DATABASE_URL', 'INIT_CWD', 'npm_lifecycle_event', 'S3_ENDPOINT']) if (!(key in extraEnv)) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ENTRY, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const lastJson = (run: Run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('pnpm cli storage:verify and storage:migrate', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let s3Env: Record<string, string>;
  let resourceId: string;
  const image = Buffer.from('\xff\xd8 an image of the exhibit '.repeat(200), 'latin1');
  const video = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  const fileOf = (key: string) => join(dataDir, 'files', `resources/${resourceId}/${key}`);

  beforeAll(async () => {
    s3 = await startS3rver();
    s3Env = { S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'ssb', S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' };
    const handle = createDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      await handle.migrate();
      await seedReferenceData(handle.db);
      const organization = await seedOrganization(handle.db, { name: '存储迁移测试单位' });
      const [base] = await handle.db
        .insert(schema.bases)
        .values({ number: '京科精基地-2022-951', organizationId: organization.id, name: '迁移测试馆', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' })
        .returning();
      const [resource] = await handle.db
        .insert(schema.resources)
        .values({
          baseId: base!.id, type: 'exhibit', title: '迁移测试展品', status: 'published', publishedAt: new Date(),
          media: [
            { key: 'a1.jpg', kind: 'image', name: '展品', bytes: image.length, sha256: sha256(image) },
            { key: 'v1.mp4', kind: 'video', name: '讲解', bytes: video.length, sha256: sha256(video) },
          ],
        })
        .returning();
      resourceId = resource!.id;
    } finally {
      await handle.close();
    }
    mkdirSync(join(dataDir, 'files', 'resources', resourceId), { recursive: true });
    writeFileSync(fileOf('a1.jpg'), image);
    writeFileSync(fileOf('v1.mp4'), video);
    writeFileSync(fileOf('a1-thumb.jpg'), Buffer.from('thumb'));
  }, 120_000);
  afterAll(async () => {
    await s3?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds every named file whole on the local disk', async () => {
    const run = await cli(['storage:verify']);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run)).toEqual({ store: 'local', checked: 2, problems: 0 });
  });

  it('copies every file to S3, checked on the way; a second run skips what is there; the copy verifies', async () => {
    const first = await cli(['storage:migrate', '--from', 'local', '--to', 's3'], s3Env);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJson(first)).toMatchObject({ from: 'local', to: 's3', listed: 3, copied: 3, skipped: 0, failed: 0, bytesCopied: image.length + video.length + 5 });
    expect(await s3.store.size(`resources/${resourceId}/v1.mp4`)).toBe(video.length);

    const again = await cli(['storage:migrate', '--from', 'local', '--to', 's3'], s3Env);
    expect(lastJson(again)).toMatchObject({ listed: 3, copied: 0, skipped: 3, failed: 0 });

    const verified = await cli(['storage:verify', '--store', 's3'], s3Env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(lastJson(verified)).toEqual({ store: 's3', checked: 2, problems: 0 });
  });

  it('reports an altered and a missing file, and never copies an altered one', async () => {
    const altered = Buffer.from(image);
    altered[100] = altered[100]! ^ 0xff;
    writeFileSync(fileOf('a1.jpg'), altered);
    rmSync(fileOf('v1.mp4'));
    const run = await cli(['storage:verify']);
    expect(run.code).toBe(1);
    expect(lastJson(run)).toMatchObject({ checked: 2, problems: 2 });
    expect(run.stderr).toContain(`resources/${resourceId}/a1.jpg`);
    expect(run.stderr).toMatch(/sha256/);
    expect(run.stderr).toMatch(/missing/);

    await s3.store.delete(`resources/${resourceId}/a1.jpg`);
    const moved = await cli(['storage:migrate', '--from', 'local', '--to', 's3'], s3Env);
    expect(moved.code).toBe(1);
    expect(lastJson(moved)).toMatchObject({ copied: 0, failed: 1 });
    expect(moved.stderr).toContain('differs from the recorded');
    expect(await s3.store.size(`resources/${resourceId}/a1.jpg`)).toBeNull();
  });

  it('says what is wrong with the arguments', async () => {
    const run = await cli(['storage:migrate', '--from', 'local', '--to', 's3']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('S3_ENDPOINT');
    expect((await cli(['storage:migrate', '--from', 'local'])).stderr).toContain('--to');
  });
});
