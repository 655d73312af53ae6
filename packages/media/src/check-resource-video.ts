import type { MediaCheckResult } from '@ssb/domain/media';
import { RESOURCE_VIDEO_MESSAGES, resourceVideoProblems } from '@ssb/domain/shared-resources';
import { readVideo } from './check-media.ts';

/**
 * Checks a video a base shows with a shared resource: MP4 or MOV by its bytes, complete, and within
 * RESOURCE_VIDEO_LIMITS (size, duration, displayed size) — the same rule the editor applies first.
 */
export async function checkResourceVideo(path: string, options: { ffprobe?: string } = {}): Promise<MediaCheckResult> {
  const result = await readVideo(path, { ...options, wrongFormat: RESOURCE_VIDEO_MESSAGES.wrongFormat });
  if (result.errors.length > 0) return result;
  const errors = resourceVideoProblems(result);
  return { ...result, errors, ok: errors.length === 0 };
}
