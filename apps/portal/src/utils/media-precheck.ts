import { isAllowedVideoShape, MEDIA_MESSAGES, MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import { readHead, sniffFormat } from './media-sniff.ts';

/**
 * The browser's quick answer before a byte is uploaded, in the words of MEDIA_MESSAGES. The server
 * checks the bytes again whatever this says; when the browser cannot tell (a codec it does not
 * play), the file goes up and the server decides.
 */
export type VideoMetadata = { durationSeconds: number; width: number; height: number };

/** The server allows half a second over five minutes (packages/media/src/check-media.ts). */
const DURATION_TOLERANCE_SECONDS = 0.5;

export function photoProblems(format: string, bytes: number): string[] {
  if (bytes === 0) return [MEDIA_MESSAGES.empty()];
  if (format !== 'jpeg') return [MEDIA_MESSAGES.photoNotJpeg(format)];
  const problems: string[] = [];
  if (bytes < MEDIA_RULES.photo.minBytes) problems.push(MEDIA_MESSAGES.photoTooSmall(bytes));
  if (bytes > MEDIA_RULES.photo.maxBytes) problems.push(MEDIA_MESSAGES.photoTooLarge(bytes));
  return problems;
}

export function videoContainerProblems(format: string, bytes: number): string[] {
  if (bytes === 0) return [MEDIA_MESSAGES.empty()];
  if (format !== 'mp4' && format !== 'mov') return [MEDIA_MESSAGES.videoWrongFormat(format)];
  if (bytes > MEDIA_RULES.video.maxBytes) return [MEDIA_MESSAGES.videoTooLarge(bytes)];
  return [];
}

/** Duration and displayed shape; browsers apply the rotation flag, so a phone's portrait video reads 1080×1920. */
export function videoMetadataProblems(meta: VideoMetadata): string[] {
  const problems: string[] = [];
  if (Number.isFinite(meta.durationSeconds) && meta.durationSeconds > MEDIA_RULES.video.maxSeconds + DURATION_TOLERANCE_SECONDS) {
    problems.push(MEDIA_MESSAGES.videoTooLong(meta.durationSeconds));
  }
  if (meta.width > 0 && meta.height > 0 && !isAllowedVideoShape(meta.width, meta.height)) {
    problems.push(MEDIA_MESSAGES.videoWrongShape(meta.width, meta.height));
  }
  if (meta.width === 0 && meta.height === 0) problems.push(MEDIA_MESSAGES.videoNoPicture());
  return problems;
}

/** Reads a video's metadata in a hidden <video>; null when this browser cannot read the file. */
export function readVideoMetadata(file: Blob, timeoutMs = 15_000): Promise<VideoMetadata | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    let settled = false;
    const finish = (value: VideoMetadata | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => finish({ durationSeconds: video.duration, width: video.videoWidth, height: video.videoHeight });
    video.onerror = () => finish(null);
    video.src = url;
  });
}

export type PrecheckResult = { format: string; problems: string[]; metadata: VideoMetadata | null };

/** Everything the browser can say about a file before uploading it as a photo or a video. */
export async function precheckFile(file: File, kind: MediaKind): Promise<PrecheckResult> {
  const format = sniffFormat(await readHead(file));
  if (kind === 'photo') return { format, problems: photoProblems(format, file.size), metadata: null };
  const problems = videoContainerProblems(format, file.size);
  if (problems.length > 0) return { format, problems, metadata: null };
  const metadata = await readVideoMetadata(file);
  return { format, problems: metadata ? videoMetadataProblems(metadata) : [], metadata };
}

/** What the file chooser offers for each kind. */
export const ACCEPT: Record<MediaKind, string> = {
  photo: '.jpg,.jpeg,image/jpeg',
  video: '.mp4,.mov,video/mp4,video/quicktime',
};
