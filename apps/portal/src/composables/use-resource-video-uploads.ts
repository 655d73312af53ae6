import { RESOURCE_VIDEO_LIMITS } from '@ssb/domain/shared-resources';
import { trpc } from '@ssb/ui';
import type { ResourceMediaSaved } from '#/api/resource-media.ts';
import { precheckResourceVideo } from '#/utils/resource-video-precheck.ts';
import { useTusUploads } from './use-tus-uploads.ts';

/**
 * A resource's videos going up to /uploads (tus, target `resource-video`), with the same progress,
 * pause and resume as application materials, checked first against RESOURCE_VIDEO_LIMITS.
 */
export function useResourceVideoUploads(options: {
  resourceId: () => string;
  storedCount: () => number;
  /** The server's answer to the last byte: the resource's media list and version after the append. */
  onUploaded: (saved: ResourceMediaSaved) => void;
  messages: { tooMany: string; failed: string; network: string };
}) {
  return useTusUploads<'video'>({
    metadata: () => ({ target: 'resource-video', resourceId: options.resourceId() }),
    fingerprint: (_kind, file) => ['ssb-resource-video', options.resourceId(), file.name, file.size, file.lastModified].join('/'),
    isOwnUpload: (previous) => previous.metadata?.target === 'resource-video' && previous.metadata?.resourceId === options.resourceId(),
    storedCount: () => options.storedCount(),
    maxCount: () => RESOURCE_VIDEO_LIMITS.maxVideos,
    precheck: (file) => precheckResourceVideo(file),
    onUploaded: (response) => options.onUploaded(JSON.parse(response.getBody()) as ResourceMediaSaved),
    // The server's answer was lost: the resource as it is now stands in for it.
    reload: async () => {
      const { media, version } = await trpc.resources.edit.query({ resourceId: options.resourceId() });
      options.onUploaded({ id: options.resourceId(), media, version });
    },
    messages: { ...options.messages, tooMany: () => options.messages.tooMany },
  });
}
