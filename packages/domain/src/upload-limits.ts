import { MAX_UPLOAD_BYTES } from './media.ts';
import { RESOURCE_VIDEO_LIMITS } from './shared-resources.ts';

/**
 * The largest single file any resumable upload may carry (application materials and resource
 * videos share /uploads): the tus server's ceiling and the proxy's body limit, which
 * `pnpm cli infra:upload-limits` writes from here.
 */
export const LARGEST_UPLOAD_BYTES = Math.max(MAX_UPLOAD_BYTES, RESOURCE_VIDEO_LIMITS.maxBytes);
