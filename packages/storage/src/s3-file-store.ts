import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertSafeKey, FileNotFoundError, RangeNotSatisfiableError, type ByteRange, type FileStore } from './file-store.ts';

export type S3FileStoreOptions = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** MinIO-like stores serve `endpoint/bucket/key` rather than `bucket.endpoint/key`. */
  forcePathStyle: boolean;
};

/** Multipart parts of 8 MB, 4 at a time: at most ~32 MB of a file is in memory while it goes up. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as { name?: string }).name;

/** Passes on only bytes `start`..`end` (inclusive) of the stream. */
function sliceBytes({ start, end }: ByteRange) {
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(0, start - offset);
      const to = Math.min(chunk.length, end + 1 - offset);
      offset += chunk.length;
      done(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}

export function createS3FileStore(options: S3FileStoreOptions): FileStore & { client: S3Client } {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
  });
  const Bucket = options.bucket;
  const sizeOf = async (key: string) => {
    assertSafeKey(key);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return null;
      throw error;
    }
  };
  return {
    kind: 's3',
    client,
    async putFile(key, sourcePath) {
      assertSafeKey(key);
      // Streamed from disk in parts: a 2 GB video never sits in memory whole.
      const upload = new Upload({ client, params: { Bucket, Key: key, Body: createReadStream(sourcePath) }, partSize: PART_SIZE, queueSize: QUEUE_SIZE });
      await upload.done();
      await unlink(sourcePath);
    },
    async read(key, range?: ByteRange): Promise<Readable> {
      assertSafeKey(key);
      if (range && range.start > range.end) throw new RangeNotSatisfiableError(key, range);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        const body = object.Body as Readable;
        if (!range) return body;
        // Some S3-compatible servers (s3rver for `bytes=0-0`) send more than the range asked: cut it to size.
        const sent = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(object.ContentRange ?? '');
        const sentStart = sent ? Number(sent[1]) : 0;
        const sentEnd = sent ? Number(sent[2]) : (object.ContentLength ?? 1) - 1;
        const wantedEnd = Math.min(range.end, sent ? Number(sent[3]) - 1 : sentEnd);
        if (sentStart === range.start && sentEnd === wantedEnd) return body;
        const slice = sliceBytes({ start: range.start - sentStart, end: wantedEnd - sentStart });
        body.on('error', (error) => slice.destroy(error));
        return body.pipe(slice);
      } catch (error) {
        if (statusOf(error) === 404 || nameOf(error) === 'NoSuchKey') throw new FileNotFoundError(key);
        if (range && (statusOf(error) === 416 || nameOf(error) === 'InvalidRange')) throw new RangeNotSatisfiableError(key, range);
        throw error;
      }
    },
    size: sizeOf,
    async delete(key) {
      assertSafeKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    localPath: () => null,
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, size: object.Size ?? 0 };
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}
