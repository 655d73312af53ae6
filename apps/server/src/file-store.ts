import { join } from 'node:path';
import { createLocalFileStore, createS3FileStore, type FileStore } from '@ssb/storage';
import type { Env } from './env.ts';

/** The store on this machine's disk: DATA_DIR/files. */
export const createLocalStore = (env: Env): FileStore => createLocalFileStore(join(env.DATA_DIR, 'files'));

/** The S3-compatible store the S3_* variables name; null when S3_ENDPOINT is not set. */
export function createS3Store(env: Env): FileStore | null {
  if (!env.S3_ENDPOINT) return null;
  return createS3FileStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY,
    secretAccessKey: env.S3_SECRET_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}

/** The S3-compatible store when S3_ENDPOINT is set, else DATA_DIR/files on this machine's disk. */
export const createFileStore = (env: Env): FileStore => createS3Store(env) ?? createLocalStore(env);
