/**
 * The notice's material rules, declared once: the server's checks, the browser's pre-checks and
 * the proxy's body-size limit (infra/nginx.upload-limits.conf) all come from here.
 */
export const MIB = 1024 * 1024;

export const MEDIA_RULES = {
  photo: {
    minCount: 3,
    maxCount: 5,
    /** "不小于2MB" */
    minBytes: 2 * MIB,
    maxBytes: 40 * MIB,
    formats: ['jpeg'] as const,
    extensions: ['.jpg', '.jpeg'] as const,
  },
  video: {
    minCount: 1,
    maxCount: 2,
    maxSeconds: 300,
    maxBytes: 2048 * MIB,
    formats: ['mp4', 'mov'] as const,
    extensions: ['.mp4', '.mov'] as const,
    /** Displayed shapes: landscape 1920×1080 or portrait 1080×1920. */
    shapes: [
      { width: 1920, height: 1080 },
      { width: 1080, height: 1920 },
    ] as const,
  },
} as const;

export type MediaKind = keyof typeof MEDIA_RULES;

/** The largest material; `LARGEST_UPLOAD_BYTES` (upload-limits.ts) also counts resource videos. */
export const MAX_UPLOAD_BYTES = Math.max(MEDIA_RULES.photo.maxBytes, MEDIA_RULES.video.maxBytes);

export const formatBytes = (bytes: number) =>
  bytes >= MIB ? `${(bytes / MIB).toFixed(bytes >= 10 * MIB ? 0 : 1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const formatDuration = (seconds: number) => {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return minutes > 0 ? `${minutes}分${rest}秒` : `${rest}秒`;
};

const FORMAT_NAMES: Record<string, string> = {
  jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', heic: 'HEIC', bmp: 'BMP', tiff: 'TIFF', pdf: 'PDF',
  zip: 'ZIP', mp4: 'MP4', mov: 'MOV', avi: 'AVI', mkv: 'MKV', webm: 'WebM', flv: 'FLV', unknown: '未知格式',
};
export const formatName = (format: string) => FORMAT_NAMES[format] ?? format.toUpperCase();

/** The reasons a file is refused, in the words shown to the user. */
export const MEDIA_MESSAGES = {
  photoNotJpeg: (actual: string) => `文件内容不是 JPEG 图片（实际为 ${formatName(actual)}），请上传 JPG 格式照片`,
  photoTooSmall: (bytes: number) => `照片大小 ${formatBytes(bytes)}，小于 2 MB`,
  photoTooLarge: (bytes: number) => `照片大小 ${formatBytes(bytes)}，超过 ${formatBytes(MEDIA_RULES.photo.maxBytes)}`,
  photoIncomplete: () => '照片文件不完整或已损坏，请重新导出后上传',
  videoWrongFormat: (actual: string) => `视频格式为 ${formatName(actual)}，应为 MP4 或 MOV`,
  videoTooLong: (seconds: number) => `时长 ${formatDuration(seconds)}，超过 5分钟`,
  videoWrongShape: (width: number, height: number) => `分辨率 ${width}×${height}，应为 1920×1080 或 1080×1920`,
  videoTooLarge: (bytes: number) => `视频大小 ${formatBytes(bytes)}，超过 ${formatBytes(MEDIA_RULES.video.maxBytes)}`,
  videoIncomplete: () => '视频文件不完整或已损坏（可能上传中断或导出未完成），请重新导出后上传',
  videoNoPicture: () => '文件中没有视频画面',
  empty: () => '文件为空',
} as const;

export type MediaCheckResult = {
  ok: boolean;
  errors: string[];
  format: string;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  bytes: number;
};

export const isAllowedVideoShape = (width: number, height: number) =>
  MEDIA_RULES.video.shapes.some((s) => s.width === width && s.height === height);
