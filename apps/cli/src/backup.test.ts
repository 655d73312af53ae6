import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, schema } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import { startS3rver } from '@ssb/storage/testing/s3rver';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSX = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
const root = mkdtempSync(join(tmpdir(), 'ssb-cli-backup-'));
const source = join(root, 'source');

type Run = { code: number | null; stdout: string; stderr: string };
function cli(args: string[], extraEnv: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', NODE_ENV: 'test', ...extraEnv };
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
const bytesOf = async (stream: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
};

/**
 * `pnpm cli backup` on an installation on the embedded defaults (PGlite, files on disk), restored by
 * `pnpm cli restore` onto an empty one whose files live in S3 (s3rver): the rows and the files come
 * back, each file with its recorded size and sha256, and the restore checks it says so.
 */
describe('pnpm cli backup and restore: the database with its files', () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let resourceId: string;
  const image = Buffer.from('\xff\xd8 an image of the exhibit '.repeat(300), 'latin1');
  const video = Buffer.alloc(5 * 1024 * 1024 + 321);
  for (let i = 0; i < video.length; i += 4096) video[i] = i % 251;
  const archive = join(root, 'backups', 'platform.tar');
  const sourceEnv = { DATA_DIR: source };
  const targetEnv = () => ({ DATA_DIR: join(root, 'target'), S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'ssb', S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' });
  const keyOf = (name: string) => `resources/${resourceId}/${name}`;

  beforeAll(async () => {
    s3 = await startS3rver();
    const handle = createDatabase({ dataDir: join(source, 'pglite') });
    try {
      await handle.migrate();
      await seedReferenceData(handle.db);
      const organization = await seedOrganization(handle.db, { name: '备份测试单位' });
      const [base] = await handle.db
        .insert(schema.bases)
        .values({ number: '京科精基地-2022-952', organizationId: organization.id, name: '备份测试馆', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' })
        .returning();
      const [resource] = await handle.db
        .insert(schema.resources)
        .values({
          baseId: base!.id, type: 'exhibit', title: '备份测试展品', status: 'published', publishedAt: new Date(),
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
    mkdirSync(join(source, 'files', 'resources', resourceId), { recursive: true });
    writeFileSync(join(source, 'files', keyOf('a1.jpg')), image);
    writeFileSync(join(source, 'files', keyOf('v1.mp4')), video);
    writeFileSync(join(source, 'files', keyOf('a1-thumb.jpg')), Buffer.from('thumb'));
  }, 120_000);
  afterAll(async () => {
    await s3?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes one archive with the database and every stored file, and refuses to overwrite it', async () => {
    const run = await cli(['backup', archive], sourceEnv);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ file: archive, files: 3, fileBytes: image.length + video.length + 5, problems: 0 });
    expect(statSync(archive).size).toBeGreaterThan(video.length);
    // A plain tar: the video's bytes sit in it whole, after a 512-byte header.
    const tar = readFileSync(archive);
    expect(tar.includes(video.subarray(0, 64 * 1024))).toBe(true);
    const again = await cli(['backup', archive], sourceEnv);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });

  it('restores rows and files onto an empty installation on S3, every file with its recorded sha256', async () => {
    const run = await cli(['restore', archive], targetEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ files: 3, damaged: 0, checked: 2, problems: 0 });
    expect(sha256(await bytesOf(await s3.store.read(keyOf('v1.mp4'))))).toBe(sha256(video));
    expect(sha256(await bytesOf(await s3.store.read(keyOf('a1.jpg'))))).toBe(sha256(image));
    expect(await s3.store.size(keyOf('a1-thumb.jpg'))).toBe(5);
    const handle = createDatabase({ dataDir: join(root, 'target', 'pglite') });
    try {
      const restored = await handle.db.query.resources.findFirst({ where: eq(schema.resources.id, resourceId) });
      expect(restored).toMatchObject({ title: '备份测试展品', media: [expect.objectContaining({ key: 'a1.jpg', sha256: sha256(image) }), expect.objectContaining({ key: 'v1.mp4', bytes: video.length })] });
    } finally {
      await handle.close();
    }
    // storage:verify on the restored installation agrees.
    const verified = await cli(['storage:verify'], targetEnv());
    expect(lastJson(verified)).toEqual({ store: 's3', checked: 2, problems: 0 });
  });

  it('refuses to restore onto an installation that is not empty', async () => {
    const run = await cli(['restore', archive], targetEnv());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/already holds files/);
  });

  it('finds a damaged archive and a backup missing a file the database names', async () => {
    const tar = readFileSync(archive);
    const at = tar.indexOf(video.subarray(0, 64 * 1024)) + 1000;
    tar[at] = tar[at]! ^ 0xff;
    const damaged = join(root, 'backups', 'damaged.tar');
    writeFileSync(damaged, tar);
    const run = await cli(['restore', damaged, '--store', 'local'], { DATA_DIR: join(root, 'target2') });
    expect(run.code).toBe(1);
    expect(lastJson(run)).toMatchObject({ files: 3, damaged: 1, problems: 1 });
    expect(run.stderr).toContain(keyOf('v1.mp4'));

    rmSync(join(source, 'files', keyOf('a1.jpg')));
    const missing = await cli(['backup', join(root, 'backups', 'missing.tar')], sourceEnv);
    expect(missing.code).toBe(1);
    expect(lastJson(missing)).toMatchObject({ files: 2, problems: 1 });
    expect(missing.stderr).toMatch(/a1\.jpg.*missing/);
  });
});
