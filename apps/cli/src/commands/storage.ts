import { join } from 'node:path';
import type { FileStore } from '@ssb/storage';
import { parse, UsageError, withDatabase, formatBytes, type Command, type Context } from '../cli.ts';

type StoreName = 'local' | 's3';

async function openStore(ctx: Context, name: string): Promise<FileStore> {
  const { createLocalStore, createS3Store } = await import('@ssb/server/file-store');
  if (name === 'local') return createLocalStore(ctx.env);
  if (name === 's3') {
    const store = createS3Store(ctx.env);
    if (!store) throw new UsageError('未设置 S3_ENDPOINT / S3_ENDPOINT (and S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY) must name the S3 store');
    return store;
  }
  throw new UsageError(`未知的存储 / unknown store "${name}": local or s3`);
}

export const storageVerify: Command = {
  name: 'storage:verify',
  summary: '校验数据库记录的每个文件 / check every file the database names: present, recorded size and sha256; exit 1 on a problem',
  usage: 'storage:verify [--store local|s3]   (default: the store the server uses; prints {"checked":…,"problems":…} on stdout)',
  async run(argv, ctx) {
    const { values } = parse(argv, { store: { type: 'string' } });
    const [{ storedFiles }, { createFileStore }] = await Promise.all([import('@ssb/api'), import('@ssb/server/file-store')]);
    const store = values.store ? await openStore(ctx, values.store as StoreName) : createFileStore(ctx.env);
    ctx.err(`数据库 database: ${ctx.describeDatabase()}; 存储 store: ${store.kind}`);
    const result = await withDatabase(ctx, ({ db }) =>
      storedFiles.verifyNamedFiles(db, store, (n) => {
        if (n % 500 === 0) ctx.err(`  已校验 checked ${n}`);
      }),
    );
    ctx.out(JSON.stringify({ store: store.kind, checked: result.checked, problems: result.problems.length }));
    for (const p of result.problems) {
      const detail = p.problem === 'missing' ? '缺失 missing' : `${p.problem === 'size' ? '大小不符 size' : '内容被改动 sha256'}: expected ${p.expected}, found ${p.found}`;
      ctx.err(`  ${p.key} (${p.what}) — ${detail}`);
    }
    return result.problems.length === 0 ? 0 : 1;
  },
};

export const storageMigrate: Command = {
  name: 'storage:migrate',
  summary: '把全部文件复制到另一存储 / copy every stored file to another store (resumable; sizes and recorded sha256 checked); exit 1 on a failure',
  usage: 'storage:migrate --from local --to s3   (or --from s3 --to local; the source is never changed)',
  async run(argv, ctx) {
    const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' } });
    if (!values.from || !values.to) throw new UsageError('须给出 --from 与 --to / both --from and --to are needed (local, s3)');
    if (values.from === values.to) throw new UsageError('源与目标相同 / --from and --to name the same store');
    const [from, to] = [await openStore(ctx, values.from), await openStore(ctx, values.to)];
    await to.check();
    const [{ storedFiles }, { copyStore }] = await Promise.all([import('@ssb/api'), import('@ssb/storage')]);
    ctx.err(`数据库 database: ${ctx.describeDatabase()}; ${from.kind} → ${to.kind}`);
    const report = await withDatabase(ctx, async ({ db }) => {
      const expected = new Map<string, { bytes?: number; sha256?: string }>();
      for await (const file of storedFiles.filesTheDatabaseNames(db)) expected.set(file.key, { bytes: file.bytes, sha256: file.sha256 });
      let seen = 0;
      return copyStore(from, to, {
        tempDir: join(ctx.env.DATA_DIR, 'tmp', 'storage-migrate'),
        expected: (key: string) => expected.get(key),
        onFile: () => {
          seen += 1;
          if (seen % 200 === 0) ctx.err(`  已处理 files ${seen}`);
        },
      });
    });
    ctx.out(JSON.stringify({ from: from.kind, to: to.kind, listed: report.listed, copied: report.copied, skipped: report.skipped, failed: report.failures.length, bytesCopied: report.bytesCopied }));
    ctx.err(`已复制 copied ${report.copied} (${formatBytes(report.bytesCopied)}), 已存在跳过 already there ${report.skipped}, 失败 failed ${report.failures.length}`);
    for (const f of report.failures) ctx.err(`  ${f.key} — ${f.reason}`);
    return report.failures.length === 0 ? 0 : 1;
  },
};
