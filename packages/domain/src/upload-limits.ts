import { formatBytes, MAX_UPLOAD_BYTES, MEDIA_RULES } from './media.ts';
import { RESOURCE_VIDEO_LIMITS } from './shared-resources.ts';

/**
 * The largest single file any resumable upload may carry (application materials and resource
 * videos share /uploads): the tus server's ceiling and the proxy's body limit, which
 * `pnpm cli infra:upload-limits` writes from here.
 */
export const LARGEST_UPLOAD_BYTES = Math.max(MAX_UPLOAD_BYTES, RESOURCE_VIDEO_LIMITS.maxBytes);

/**
 * Bytes one account may have in unfinished uploads at once: one application's whole allowance
 * (every photo and video at its largest) sent in parallel, and no more, so no one fills the disk.
 */
export const UPLOAD_BYTES_IN_FLIGHT_PER_USER =
  MEDIA_RULES.photo.maxCount * MEDIA_RULES.photo.maxBytes + MEDIA_RULES.video.maxCount * MEDIA_RULES.video.maxBytes;

/** An unfinished upload idle this long is deleted with its partial file; the client starts over. */
export const UPLOAD_IDLE_EXPIRY_MS = 24 * 3600_000;

export const UPLOAD_MESSAGES = {
  deferredLength: '上传请求须在开始时说明文件大小（不支持 Upload-Defer-Length），请刷新页面后重新上传',
  tooMuchInFlight: (limit: number) => `同时进行中的上传已达 ${formatBytes(limit)} 上限，请等待当前上传完成或取消后再试`,
  invalidTarget: '上传请求的类型无效',
  unreadableImage: '图片文件已损坏或无法读取，请重新导出后上传',
  unreadableVideo: '视频文件无法处理，请重新导出后上传',
} as const;
