import { MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import { precheckFile } from '#/utils/media-precheck.ts';
import { useTusUploads } from './use-tus-uploads.ts';

export { refusalReasons, type UploadItem, type UploadState } from './use-tus-uploads.ts';

/**
 * An application's photos and videos going up to /uploads (tus): checked in the browser against
 * the notice's rules first, with progress, pause and resume, and resumable after a reload.
 */
export function useMaterialUploads(options: {
  applicationId: () => string;
  /** Materials of this kind already stored. */
  storedCount: (kind: MediaKind) => number;
  onUploaded: () => Promise<unknown> | void;
  messages: { tooMany: (kind: MediaKind) => string; failed: string; network: string };
}) {
  return useTusUploads<MediaKind>({
    metadata: (kind) => ({ applicationId: options.applicationId(), kind }),
    fingerprint: (kind, file) => ['ssb-material', options.applicationId(), kind, file.name, file.size, file.lastModified].join('/'),
    isOwnUpload: (previous) => previous.metadata?.applicationId === options.applicationId(),
    storedCount: options.storedCount,
    maxCount: (kind) => MEDIA_RULES[kind].maxCount,
    precheck: async (file, kind) => (await precheckFile(file, kind)).problems,
    onUploaded: () => options.onUploaded(),
    reload: () => options.onUploaded(),
    messages: options.messages,
  });
}
