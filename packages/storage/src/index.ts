export { assertSafeKey, FileNotFoundError, isFileNotFound, isSafeKey, RangeNotSatisfiableError, type ByteRange, type FileStore } from './file-store.ts';
export { createLocalFileStore } from './local-file-store.ts';
export { createS3FileStore, type S3FileStoreOptions } from './s3-file-store.ts';
export { copyStore, type CopyFailure, type CopyReport, type ExpectedFile } from './copy-store.ts';
