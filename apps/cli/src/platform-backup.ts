import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { storedFiles } from '@ssb/api';
import type { DatabaseHandle, DbOrTx } from '@ssb/db';
import { backupDatabase, restoreDatabase, type BackupHeader } from '@ssb/db/backup';
import type { FileStore } from '@ssb/storage';
import { createTarWriter, readTar } from '@ssb/storage/tar';

/**
 * The platform's backup: one tar archive holding the database and the stored files, so a restore
 * brings back everything an installation had.
 *
 *   manifest.json        format, when, which store, the database's tables and migration
 *   database.jsonl.gz    `db:backup`'s dump, taken in one repeatable-read snapshot
 *   files/<key>          every file of the store (local disk or S3), streamed
 *   checksums.json       each archived file's size and sha256, computed while it was written
 *
 * Consistency: the files a dumped row names are read in the dump's own snapshot; after the files are
 * archived, each of them must be in the archive with the size and sha256 its row recorded, otherwise
 * the backup reports it (a file deleted while the backup ran, or one already damaged in the store).
 * Files stored after the snapshot may be in the archive too; no row of this backup names them.
 */
export const ARCHIVE_FORMAT = 'ssb-platform-backup';
export const ARCHIVE_VERSION = 1;

export type ArchiveManifest = {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  store: FileStore['kind'];
  database: Pick<BackupHeader, 'createdAt' | 'engine' | 'migrations'> & { tables: number; rows: number };
};

export type ArchivedFile = { key: string; size: number; sha256: string };
export type FileProblem = storedFiles.FileProblem;

const sha256Tap = () => {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ bytes, sha256: hash.digest('hex') }) };
};

/** Checks the named files against what was archived (or restored): present, recorded size, recorded sha256. */
function compareNamed(named: storedFiles.NamedFile[], have: Map<string, { size: number; sha256: string }>): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const file of named) {
    const found = have.get(file.key);
    if (!found) problems.push({ key: file.key, what: file.what, problem: 'missing' });
    else if (file.bytes !== undefined && file.bytes !== found.size) problems.push({ key: file.key, what: file.what, problem: 'size', expected: file.bytes, found: found.size });
    else if (file.sha256 && file.sha256 !== found.sha256) problems.push({ key: file.key, what: file.what, problem: 'sha256', expected: file.sha256, found: found.sha256 });
  }
  return problems;
}

export type PlatformBackupReport = {
  file: string;
  manifest: ArchiveManifest;
  files: number;
  fileBytes: number;
  /** Files the database names that are not in the archive as recorded. */
  problems: FileProblem[];
};

export async function backupPlatform(
  handle: DatabaseHandle,
  store: FileStore,
  file: string,
  options: { tempDir: string; onFile?: (n: number) => void },
): Promise<PlatformBackupReport> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose another name`);
  const work = join(options.tempDir, `backup-${randomUUID()}`);
  await mkdir(work, { recursive: true });
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial-${process.pid}`;
  try {
    const dumpFile = join(work, 'database.jsonl.gz');
    let named: storedFiles.NamedFile[] = [];
    const dump = await backupDatabase(handle.db, dumpFile, {
      alsoInSnapshot: async (tx: DbOrTx) => {
        for await (const f of storedFiles.filesTheDatabaseNames(tx)) named.push(f);
      },
    });
    named = [...new Map(named.map((f) => [f.key, f])).values()];
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: new Date().toISOString(),
      store: store.kind,
      database: { createdAt: dump.header.createdAt, engine: dump.header.engine, migrations: dump.header.migrations, tables: dump.header.tables.length, rows: dump.totalRows },
    };
    const out = createWriteStream(partial, { mode: 0o600 });
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', resolve);
      out.on('error', reject);
    });
    const tar = createTarWriter(out);
    const archived = new Map<string, ArchivedFile>();
    try {
      const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
      await tar.add('manifest.json', manifestBytes.length, manifestBytes);
      await tar.add('database.jsonl.gz', (await stat(dumpFile)).size, createReadStream(dumpFile));
      let fileBytes = 0;
      for await (const entry of store.list()) {
        let body: Readable;
        try {
          body = await store.read(entry.key);
        } catch (error) {
          // Deleted since the listing: a file no row of this snapshot needs, or a problem found below.
          if ((error as { code?: string }).code === 'FILE_NOT_FOUND') continue;
          throw error;
        }
        const { tap, result } = sha256Tap();
        body.on('error', (error) => tap.destroy(error));
        await tar.add(`files/${entry.key}`, entry.size, body.pipe(tap));
        const { sha256 } = result();
        archived.set(entry.key, { key: entry.key, size: entry.size, sha256 });
        fileBytes += entry.size;
        options.onFile?.(archived.size);
      }
      const checksums = Buffer.from(JSON.stringify([...archived.values()]));
      await tar.add('checksums.json', checksums.length, checksums);
      await tar.finish();
      out.end();
      await closed;
      await rename(partial, file);
      return { file, manifest, files: archived.size, fileBytes, problems: compareNamed(named, archived) };
    } catch (error) {
      out.destroy();
      throw error;
    }
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export type PlatformRestoreReport = {
  manifest: ArchiveManifest;
  rows: number;
  files: number;
  fileBytes: number;
  /** Archived files whose bytes differ from the checksums the backup wrote. */
  damaged: string[];
  /** After the restore: every file the restored database names, in the store with its recorded size and sha256. */
  checked: number;
  problems: FileProblem[];
};

/**
 * Restores a platform backup onto an empty installation: the database (migrated first; refused when
 * any table has rows) and then every archived file into the store (refused when it already holds
 * files), and then checks every file the restored rows name in the store.
 */
export async function restorePlatform(
  handle: DatabaseHandle,
  store: FileStore,
  archive: string,
  options: { tempDir: string; onFile?: (n: number) => void },
): Promise<PlatformRestoreReport> {
  for await (const existing of store.list()) throw new Error(`the ${store.kind} store already holds files (${existing.key}); restore onto an empty installation`);
  const work = join(options.tempDir, `restore-${randomUUID()}`);
  await mkdir(work, { recursive: true });
  try {
    let manifest: ArchiveManifest | null = null;
    let rows = -1;
    let fileBytes = 0;
    const restored = new Map<string, { size: number; sha256: string }>();
    let checksums: ArchivedFile[] | null = null;
    const text = async (body: Readable) => {
      const parts: Buffer[] = [];
      for await (const chunk of body) parts.push(chunk as Buffer);
      return Buffer.concat(parts).toString('utf8');
    };
    for await (const entry of readTar(createReadStream(archive))) {
      if (entry.name === 'manifest.json') {
        const parsed = JSON.parse(await text(entry.body)) as ArchiveManifest;
        if (parsed.format !== ARCHIVE_FORMAT) throw new Error(`${archive} is not a platform backup (format ${String(parsed.format)})`);
        if (parsed.version > ARCHIVE_VERSION) throw new Error(`${archive} is version ${parsed.version} of the backup format; this release reads up to ${ARCHIVE_VERSION}`);
        manifest = parsed;
      } else if (entry.name === 'database.jsonl.gz') {
        if (!manifest) throw new Error(`${archive}: the database comes before the manifest`);
        const dumpFile = join(work, 'database.jsonl.gz');
        await pipeline(entry.body, createWriteStream(dumpFile));
        await handle.migrate();
        rows = (await restoreDatabase(handle.db, dumpFile)).totalRows;
        await rm(dumpFile, { force: true });
      } else if (entry.name.startsWith('files/')) {
        if (rows < 0) throw new Error(`${archive}: files come before the database`);
        const key = entry.name.slice('files/'.length);
        const temp = join(work, `file-${randomUUID()}`);
        const { tap, result } = sha256Tap();
        await pipeline(entry.body, tap, createWriteStream(temp));
        const { bytes, sha256 } = result();
        await store.putFile(key, temp);
        restored.set(key, { size: bytes, sha256 });
        fileBytes += bytes;
        options.onFile?.(restored.size);
      } else if (entry.name === 'checksums.json') {
        checksums = JSON.parse(await text(entry.body)) as ArchivedFile[];
      } else {
        entry.body.resume();
      }
    }
    if (!manifest || rows < 0) throw new Error(`${archive} holds no ${manifest ? 'database' : 'manifest'}`);
    if (!checksums) throw new Error(`${archive} ends without its checksums: the archive is incomplete`);
    const damaged = checksums.filter((c) => restored.get(c.key)?.sha256 !== c.sha256 || restored.get(c.key)?.size !== c.size).map((c) => c.key);
    const verified = await storedFiles.verifyNamedFiles(handle.db, store);
    return { manifest, rows, files: restored.size, fileBytes, damaged, checked: verified.checked, problems: verified.problems };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
