import { join } from 'node:path';
import { createLocalFileStore, createS3FileStore, type FileStore } from '@ssb/storage';
import type { Env } from './env.ts';

/** The S3-compatible store when S3_ENDPOINT is set, else DATA_DIR/files on this machine's disk. */
export function createFileStore(env: Env): FileStore {
  if (!env.S3_ENDPOINT) return createLocalFileStore(join(env.DATA_DIR, 'files'));
  return createS3FileStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY,
    secretAccessKey: env.S3_SECRET_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  });
}
