import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { runFileStoreContract } from './contract.ts';
import { createS3FileStore } from './s3-file-store.ts';
import { startS3rver } from './testing/s3rver.ts';

const LARGE_FILE_MB = Number(process.env.TEST_S3RVER_LARGE_MB ?? 200);

runFileStoreContract(
  's3 (s3rver on 127.0.0.1)',
  async () => {
    const s3 = await startS3rver();
    return { store: s3.store, cleanup: () => s3.close() };
  },
  { largeFileMb: LARGE_FILE_MB },
);

describe('s3 store readiness', () => {
  it('fails its check when the bucket does not exist', async () => {
    const s3 = await startS3rver();
    try {
      await expect(createS3FileStore({ ...s3.options, bucket: 'no-such-bucket' }).check()).rejects.toThrow();
    } finally {
      await s3.close();
    }
  });
});

// Any real S3-compatible store (MinIO from infra/compose.yaml): TEST_S3_ENDPOINT plus the usual S3_* names.
const endpoint = process.env.TEST_S3_ENDPOINT;
describe.skipIf(!endpoint)('TEST_S3_ENDPOINT', () => {
  runFileStoreContract(
    `s3 (${endpoint})`,
    async () => {
      const store = createS3FileStore({
        endpoint: endpoint!,
        bucket: process.env.TEST_S3_BUCKET ?? 'ssb',
        region: process.env.TEST_S3_REGION ?? 'us-east-1',
        accessKeyId: process.env.TEST_S3_ACCESS_KEY,
        secretAccessKey: process.env.TEST_S3_SECRET_KEY,
        forcePathStyle: process.env.TEST_S3_FORCE_PATH_STYLE !== 'false',
      });
      return {
        store,
        async cleanup() {
          const listed = await store.client.send(new ListObjectsV2Command({ Bucket: process.env.TEST_S3_BUCKET ?? 'ssb', Prefix: 'materials/' }));
          for (const item of listed.Contents ?? []) await store.client.send(new DeleteObjectCommand({ Bucket: process.env.TEST_S3_BUCKET ?? 'ssb', Key: item.Key! }));
        },
      };
    },
    { largeFileMb: 200 },
  );
});
