import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, rowsOf, verifyPassword, type DatabaseHandle } from '@ssb/db';
import { listDemoAccounts } from '@ssb/db/seed';
import { makeUscc } from '@ssb/domain/uscc';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
const TSX = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
const root = mkdtempSync(join(tmpdir(), 'ssb-cli-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dataA = join(root, 'a');
const dataB = join(root, 'b');
/** The demo office's credit code (see seedDemo). */
const OFFICE_USCC = makeUscc(800001, '12110000');

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI as the operator would, in its own process, on a PGlite DATA_DIR. */
function cli(args: string[], options: { dataDir?: string; cwd?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: options.dataDir ?? dataA, PORT: '0', NODE_ENV: 'test' };
  for (const key of ['DATABASE_URL', 'INIT_CWD', 'npm_lifecycle_event']) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ENTRY, ...args], { cwd: options.cwd ?? root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens a DATA_DIR's PGlite in this process (only while no CLI process has it open). */
async function withData<T>(dataDir: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = createDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

const count = (handle: DatabaseHandle, table: string) =>
  handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)).then((r) => rowsOf<{ n: number }>(r)[0]!.n);

describe('pnpm cli', () => {
  it('lists its commands', async () => {
    const run = await cli(['help']);
    expect(run.code).toBe(0);
    for (const name of ['db:migrate', 'db:seed', 'org:create', 'user:create', 'db:backup', 'db:restore', 'audit:verify']) {
      expect(run.stdout).toContain(name);
    }
    expect((await cli([])).stdout).toContain('user:create');
    expect((await cli(['user:create', '--help'])).stdout).toContain('--organization');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const run = await cli(['db:drop']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command: db:drop');
  });

  it('db:migrate applies the migrations', async () => {
    const run = await cli(['db:migrate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`PGlite ${join(dataA, 'pglite')}`);
    expect(run.stdout).toMatch(/migrations applied: \d+/);
  });

  it('db:seed seeds the demo data once', async () => {
    const first = await cli(['db:seed']);
    expect(first.code).toBe(0);
    const seeded = /demo data seeded: (\d+) accounts/.exec(first.stdout);
    expect(Number(seeded?.[1])).toBe((await withData(dataA, (h) => listDemoAccounts(h.db))).length);
    expect(first.stdout).toContain('admin@demo.ssb.local');
    const second = await cli(['db:seed']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already seeded');
  });

  let password = '';
  it('user:create creates an active user with an argon2id password and the membership', async () => {
    const run = await cli(['user:create', '--email', 'Ops@Example.org', '--name', '运维管理员', '--role', 'sysadmin', '--organization', OFFICE_USCC]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    password = /password \(shown once[^:]*\): (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await withData(dataA, async ({ db }) => {
      const user = await db.query.users.findFirst({
        where: (u, { eq }) => eq(u.email, 'ops@example.org'),
        with: { memberships: { with: { organization: true } } },
      });
      expect(user?.status).toBe('active');
      expect(user?.name).toBe('运维管理员');
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user!.passwordHash!, password)).toBe(true);
      expect(user?.memberships.map((m) => [m.role, m.organization.uscc])).toEqual([['sysadmin', OFFICE_USCC]]);
    });
  });

  let orgId = '';
  it('org:create adds an organization and refuses a duplicate or bad input', async () => {
    const uscc = makeUscc(424242, '12110000');
    const orgArgs = (name: string, code: string) => [
      'org:create', '--name', name, '--uscc', code, '--type', 'museum', '--district', '110108',
      '--address', '北京市海淀区某路1号', '--contact-name', '王老师', '--contact-phone', '010-84650077', '--contact-email', 'museum@example.org',
    ];
    // Argument errors stop before the database is opened, so they can run beside a command that opens it.
    const [org, badOrg, badUscc] = await Promise.all([
      cli(orgArgs('北京市某某科技馆', uscc.toLowerCase())),
      cli(['org:create', '--name', '单位', '--uscc', 'nonsense', '--type', 'castle']),
      cli(orgArgs('另一个单位', 'nonsense')),
    ]);
    expect(org.stderr).toBe('');
    expect(org.code).toBe(0);
    expect(org.stdout).toContain(uscc);
    orgId = /id ([0-9a-f-]{36})/.exec(org.stdout)?.[1] ?? '';
    expect(orgId).not.toBe('');
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toContain('missing');
    expect(badUscc.code).toBe(2);
    expect(badUscc.stderr).toContain('--uscc');
    const sameUscc = await cli(orgArgs('另一个单位', uscc));
    expect(sameUscc.code).toBe(1);
    expect(sameUscc.stderr).toContain('already exists');
  });

  it('user:create takes an organization id and a given password, and refuses bad input', async () => {
    const base = ['--name', '某某', '--role', 'office', '--organization', OFFICE_USCC];
    const [ok, badEmail, badRole, weak] = await Promise.all([
      cli(['user:create', '--email', 'expert9@example.org', '--name', '钱专家', '--role', 'expert', '--organization', orgId, '--password', 'Expert-2022-pass']),
      cli(['user:create', '--email', 'not-an-email', ...base]),
      cli(['user:create', '--email', 'x@example.org', '--name', '某某', '--role', 'king', '--organization', OFFICE_USCC]),
      cli(['user:create', '--email', 'x@example.org', ...base, '--password', 'short']),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('shown once');
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain('--email');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('--password');
    const duplicate = await cli(['user:create', '--email', 'ops@example.org', ...base, '--password', 'Another-pass-1']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    const noOrg = await cli(['user:create', '--email', 'x@example.org', '--name', '某某', '--role', 'office', '--organization', makeUscc(123456)]);
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toContain('no organization');
  });

  it('audit:verify walks the chain: ok with the rows org:create and user:create appended', async () => {
    const run = await cli(['audit:verify']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, rows: 3, pending: 0 });
  });

  const file = join(root, 'backups', 'one.jsonl.gz');
  it('db:backup writes a file, relative names from the working directory, never overwriting', async () => {
    const backup = await cli(['db:backup', 'backups/one.jsonl.gz']);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(backup.stdout).toContain(file);
    expect(backup.stdout).toMatch(/\d+ rows in \d+ tables/);
    const again = await cli(['db:backup', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const byDefault = await cli(['db:backup']);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toMatch(new RegExp(`${join(dataA, 'backups')}/ssb-\\d{8}-\\d{6}\\.jsonl\\.gz`));
  });

  it('db:restore fills an empty DATA_DIR with the same rows and an intact audit chain', async () => {
    const restore = await cli(['db:restore', file], { dataDir: dataB });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored: \d+ rows in \d+ tables/);

    const counts = async (dir: string) =>
      withData(dir, async (h) => [await count(h, 'users'), await count(h, 'memberships'), await count(h, 'organizations'), await count(h, 'audit_log')]);
    const before = await counts(dataA);
    expect(await counts(dataB)).toEqual(before);
    // The demo accounts, plus the two users created by the commands above.
    expect(before[0]).toBe(new Set((await withData(dataA, (h) => listDemoAccounts(h.db))).map((a) => a.email)).size + 2);

    const verify = await cli(['audit:verify'], { dataDir: dataB });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toEqual({ ok: true, rows: 3, pending: 0 });
  });

  it('the restored copy keeps working: a new audit row continues the chain', async () => {
    const more = await cli(['user:create', '--email', 'after@example.org', '--name', '恢复后', '--role', 'office', '--organization', OFFICE_USCC], { dataDir: dataB });
    expect(more.code).toBe(0);
    expect(JSON.parse((await cli(['audit:verify'], { dataDir: dataB })).stdout)).toEqual({ ok: true, rows: 4, pending: 0 });
  });

  it('db:restore refuses a database with rows, a missing file and missing arguments', async () => {
    const [again, missing, none] = await Promise.all([
      cli(['db:restore', file], { dataDir: dataB }),
      cli(['db:restore', join(root, 'missing.jsonl')], { dataDir: dataB }),
      cli(['db:restore'], { dataDir: dataB }),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('empty database');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    expect(none.code).toBe(2);
  });

  it('audit:verify exits 1 and names the first altered row', async () => {
    const seq = await withData(dataB, async ({ db }) => {
      await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      const [row] = rowsOf<{ seq: number }>(await db.execute(sql`update audit_log set action = 'tampered' where seq = (select min(seq) + 1 from audit_log) returning seq`));
      await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      return Number(row!.seq);
    });
    const run = await cli(['audit:verify'], { dataDir: dataB });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, firstBadSeq: seq, problem: 'content' });
    expect(run.stderr).toContain(`seq ${seq}`);
  });
});
