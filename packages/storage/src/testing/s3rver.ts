// The type-only declaration of the untyped s3rver module must reach every package that imports this file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./s3rver-module.d.ts" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createS3FileStore } from '../s3-file-store.ts';

/** A real S3 API server on 127.0.0.1 (s3rver, in-process, on a free port, in its own folder) and a store on it. */
export async function startS3rver(bucket = 'ssb') {
  const directory = mkdtempSync(join(tmpdir(), 'ssb-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const options = { endpoint, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
  return {
    endpoint,
    options,
    store: createS3FileStore(options),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
