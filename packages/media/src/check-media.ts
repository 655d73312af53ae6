import { stat } from 'node:fs/promises';
import { isAllowedVideoShape, MEDIA_MESSAGES, MEDIA_RULES, type MediaCheckResult, type MediaKind } from '@ssb/domain/media';
import { displayedSize, probeVideo } from './ffprobe.ts';
import { inspectJpeg } from './jpeg.ts';
import { isIsoMediaTruncated } from './mp4-atoms.ts';
import { readHead, sniffFormat } from './sniff.ts';

/** Checks a photo on its bytes: JPEG content, at least 2 MB, complete. */
export async function checkPhoto(path: string): Promise<MediaCheckResult> {
  const { size } = await stat(path);
  const format = sniffFormat(await readHead(path));
  const result: MediaCheckResult = { ok: false, errors: [], format, width: null, height: null, durationSeconds: null, bytes: size };
  if (size === 0) return { ...result, errors: [MEDIA_MESSAGES.empty()] };
  if (format !== 'jpeg') return { ...result, errors: [MEDIA_MESSAGES.photoNotJpeg(format)] };
  const info = await inspectJpeg(path);
  if (!info) return { ...result, errors: [MEDIA_MESSAGES.photoIncomplete()] };
  result.width = info.width;
  result.height = info.height;
  if (!info.isComplete) result.errors.push(MEDIA_MESSAGES.photoIncomplete());
  if (size < MEDIA_RULES.photo.minBytes) result.errors.push(MEDIA_MESSAGES.photoTooSmall(size));
  if (size > MEDIA_RULES.photo.maxBytes) result.errors.push(MEDIA_MESSAGES.photoTooLarge(size));
  return { ...result, ok: result.errors.length === 0 };
}

/**
 * What every video check reads before applying its own limits: the container sniffed from the
 * bytes, atoms that add up (not cut short), then ffprobe's duration and displayed size. An error
 * here ends the check; otherwise the result carries the figures and no error yet.
 */
export async function readVideo(path: string, options: { ffprobe?: string; wrongFormat?: (actual: string) => string } = {}): Promise<MediaCheckResult> {
  const { size } = await stat(path);
  const format = sniffFormat(await readHead(path));
  const result: MediaCheckResult = { ok: false, errors: [], format, width: null, height: null, durationSeconds: null, bytes: size };
  if (size === 0) return { ...result, errors: [MEDIA_MESSAGES.empty()] };
  if (format !== 'mp4' && format !== 'mov') return { ...result, errors: [(options.wrongFormat ?? MEDIA_MESSAGES.videoWrongFormat)(format)] };
  if (await isIsoMediaTruncated(path)) return { ...result, errors: [MEDIA_MESSAGES.videoIncomplete()] };
  const probe = await probeVideo(path, options.ffprobe);
  if (!probe) return { ...result, errors: [MEDIA_MESSAGES.videoIncomplete()] };
  if (!probe.codedWidth || !probe.codedHeight) return { ...result, errors: [MEDIA_MESSAGES.videoNoPicture()] };
  const shown = displayedSize(probe);
  return { ...result, width: shown.width, height: shown.height, durationSeconds: Math.round(probe.durationSeconds * 100) / 100 };
}

/** Checks a video on its bytes: MP4 or MOV container, complete, at most 5 minutes, displayed 1920×1080 or 1080×1920. */
export async function checkVideo(path: string, options: { ffprobe?: string } = {}): Promise<MediaCheckResult> {
  const result = await readVideo(path, options);
  if (result.errors.length > 0) return result;
  const { durationSeconds, width, height, bytes } = result as MediaCheckResult & { durationSeconds: number; width: number; height: number };
  if (durationSeconds > MEDIA_RULES.video.maxSeconds + 0.5) result.errors.push(MEDIA_MESSAGES.videoTooLong(durationSeconds));
  if (!isAllowedVideoShape(width, height)) result.errors.push(MEDIA_MESSAGES.videoWrongShape(width, height));
  if (bytes > MEDIA_RULES.video.maxBytes) result.errors.push(MEDIA_MESSAGES.videoTooLarge(bytes));
  return { ...result, ok: result.errors.length === 0 };
}

export const checkMedia = (path: string, kind: MediaKind) => (kind === 'photo' ? checkPhoto(path) : checkVideo(path));
