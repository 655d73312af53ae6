import { z } from 'zod';
import { AUDIENCES, RESOURCE_TYPES, type ResourceStatus } from './bases.ts';
import { formatBytes, formatDuration, formatName, MEDIA_MESSAGES, MIB } from './media.ts';
import { ZBaseClosures, ZOpeningHours } from './opening-hours.ts';
import { SPIRIT_ELEMENTS } from './spirit.ts';

/** Input schemas of the shared-resource platform, used by the portal's forms and by the procedures. */

/** No booking may be set to run longer than a year. */
export const MAX_BOOKING_DAYS_CAP = 365;

const SPIRIT_KEYS = SPIRIT_ELEMENTS.map((e) => e.key) as [string, ...string[]];
const names = z.array(z.string().trim().min(1).max(40)).max(20, { error: '最多填写 20 位' });

export const ZResourceFields = z.object({
  type: z.enum(RESOURCE_TYPES, { error: '请选择资源类型' }),
  title: z.string().trim().min(2, { error: '标题至少 2 个字' }).max(80, { error: '标题不超过 80 个字' }),
  /** Rich text as typed; the server sanitises it with an allow-list before storing. */
  descriptionHtml: z.string().max(50_000, { error: '介绍过长' }),
  scientists: names,
  elements: z.array(z.enum(SPIRIT_KEYS)).max(6),
  audiences: z.array(z.enum(AUDIENCES)).max(AUDIENCES.length),
  lendable: z.boolean(),
  lendingTerms: z.string().trim().max(2000, { error: '借用条件不超过 2000 字' }),
  /** The longest booking in days the server accepts; null when the terms set no limit. */
  maxBookingDays: z
    .number({ error: '最长借用天数应为整数' })
    .int({ error: '最长借用天数应为整数' })
    .min(1, { error: '最长借用天数至少 1 天' })
    .max(MAX_BOOKING_DAYS_CAP, { error: `最长借用天数不超过 ${MAX_BOOKING_DAYS_CAP} 天` })
    .nullable()
    .optional(),
  /** The page of an online exhibition or lecture. */
  onlineUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: '网址应以 http:// 或 https:// 开头' }).max(500, { error: '网址不超过 500 字' })])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
});
export type TResourceFields = z.infer<typeof ZResourceFields>;

/** Moves of a resource between draft → published → archived, and who sees it in each. */
export const RESOURCE_ACTIONS = {
  publish: { from: ['draft', 'archived'], to: 'published' },
  archive: { from: ['published', 'draft'], to: 'archived' },
  unpublish: { from: ['published'], to: 'draft' },
} as const satisfies Record<string, { from: readonly ResourceStatus[]; to: ResourceStatus }>;
export type ResourceAction = keyof typeof RESOURCE_ACTIONS;
export const RESOURCE_ACTION_NAMES = Object.keys(RESOURCE_ACTIONS) as [ResourceAction, ...ResourceAction[]];

export const actionsFor = (status: ResourceStatus): ResourceAction[] =>
  RESOURCE_ACTION_NAMES.filter((a) => (RESOURCE_ACTIONS[a].from as readonly string[]).includes(status));

const isoDate = z.iso.date({ error: '请选择日期' });

export const ZBookingRequest = z
  .object({
    resourceId: z.uuid(),
    /** Which of the requester's bases asks, when the user manages several. */
    requesterBaseId: z.uuid().optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    message: z.string().trim().max(1000, { error: '说明不超过 1000 字' }).default(''),
  })
  .refine((b) => b.startsOn <= b.endsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] });
export type TBookingRequest = z.infer<typeof ZBookingRequest>;

export { BOOKING_HORIZON_YEARS, bookingDatesProblem, bookingDays, latestBookingDate } from './booking-dates.ts';

export const ZBaseProfile = z.object({
  introduction: z.string().trim().max(5000, { error: '简介不超过 5000 字' }),
  address: z.string().trim().max(200, { error: '地址不超过 200 字' }),
  openingHours: ZOpeningHours,
  // Left out by an older page: the stored closures are kept (see updateBaseProfile).
  closures: ZBaseClosures.optional(),
  bookingInfo: z.string().trim().max(2000, { error: '预约方式不超过 2000 字' }),
  phone: z.string().trim().max(40).nullable(),
  website: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: '网址应以 http:// 或 https:// 开头' })])
    .nullable()
    .transform((v) => v || null),
  scientists: names,
});
export type TBaseProfile = z.infer<typeof ZBaseProfile>;

/** Two date ranges (inclusive) overlap when each starts on or before the other ends. */
export const rangesOverlap = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/** Images a base attaches to a resource: checked on their bytes, never trusted by name. */
export const RESOURCE_MEDIA_LIMITS = {
  maxImages: 8,
  maxBytes: 10 * 1024 * 1024,
  formats: { jpeg: 'image/jpeg', png: 'image/png' } as Record<string, string>,
} as const;
export const RESOURCE_MEDIA_MESSAGES = {
  wrongFormat: '只能上传 JPEG 或 PNG 图片（按文件内容识别，改扩展名无效）',
  tooLarge: '图片不能超过 10 MB',
  tooMany: '每个资源最多 8 张图片',
  empty: '文件为空',
};

/**
 * Videos a base attaches to a resource: MP4 or MOV, checked on their bytes (container, atoms, then
 * ffprobe's duration and displayed size). Sent resumably (tus at /uploads), so a long film survives
 * a dropped connection; the proxy's body limit is written from `maxBytes` too (`upload-limits.ts`).
 */
export const RESOURCE_VIDEO_LIMITS = {
  maxVideos: 3,
  maxBytes: 500 * MIB,
  maxSeconds: 20 * 60,
  /** Displayed picture, either orientation: from 240p up to 4K. */
  minShortSide: 240,
  maxShortSide: 2160,
  maxLongSide: 3840,
  formats: { mp4: 'video/mp4', mov: 'video/quicktime' } as Record<string, string>,
  accept: '.mp4,.mov,video/mp4,video/quicktime',
} as const;
export const RESOURCE_VIDEO_MESSAGES = {
  wrongFormat: (actual: string) => `视频格式为 ${formatName(actual)}，应为 MP4 或 MOV（按文件内容识别，改扩展名无效）`,
  tooLarge: (bytes: number) => `视频大小 ${formatBytes(bytes)}，超过 ${formatBytes(RESOURCE_VIDEO_LIMITS.maxBytes)}`,
  tooLong: (seconds: number) => `时长 ${formatDuration(seconds)}，超过 ${RESOURCE_VIDEO_LIMITS.maxSeconds / 60}分钟`,
  wrongSize: (width: number, height: number) => `分辨率 ${width}×${height}，短边应在 240 到 2160 之间、长边不超过 3840（横屏或竖屏均可）`,
  incomplete: MEDIA_MESSAGES.videoIncomplete,
  noPicture: MEDIA_MESSAGES.videoNoPicture,
  tooMany: `每个资源最多 ${RESOURCE_VIDEO_LIMITS.maxVideos} 段视频`,
  empty: MEDIA_MESSAGES.empty,
} as const;

/** The server allows half a second over the limit: containers round their durations. */
const DURATION_TOLERANCE_SECONDS = 0.5;

/**
 * The limits on what is known of a video, in the words shown to the user: the server applies them
 * to ffprobe's answer, the browser to its own reading before the first byte is sent.
 */
export function resourceVideoProblems(video: { format: string; bytes: number; durationSeconds?: number | null; width?: number | null; height?: number | null }): string[] {
  if (video.bytes === 0) return [RESOURCE_VIDEO_MESSAGES.empty()];
  if (!(video.format in RESOURCE_VIDEO_LIMITS.formats)) return [RESOURCE_VIDEO_MESSAGES.wrongFormat(video.format)];
  const problems: string[] = [];
  if (video.bytes > RESOURCE_VIDEO_LIMITS.maxBytes) problems.push(RESOURCE_VIDEO_MESSAGES.tooLarge(video.bytes));
  const seconds = video.durationSeconds;
  if (seconds !== null && seconds !== undefined && Number.isFinite(seconds) && seconds > RESOURCE_VIDEO_LIMITS.maxSeconds + DURATION_TOLERANCE_SECONDS) {
    problems.push(RESOURCE_VIDEO_MESSAGES.tooLong(seconds));
  }
  const { width, height } = video;
  if (width && height) {
    const [short, long] = width < height ? [width, height] : [height, width];
    const limits = RESOURCE_VIDEO_LIMITS;
    if (short < limits.minShortSide || short > limits.maxShortSide || long > limits.maxLongSide) problems.push(RESOURCE_VIDEO_MESSAGES.wrongSize(width, height));
  }
  return problems;
}

/** One image or video shown with a resource (`resources.media`); videos keep what their check found. */
export type ResourceMediaItem = {
  key: string;
  kind: 'image' | 'video';
  name: string;
  bytes?: number;
  sha256?: string;
  durationSeconds?: number | null;
  width?: number | null;
  height?: number | null;
};

/** The public address of a resource's image or video; the server route and the pages share it. */
export const resourceMediaUrl = (resourceId: string, key: string) => `/files/resources/${resourceId}/${key}`;
/** An image's thumbnail (a JPEG at most 480 px wide) for cards and tiles; the server sends the original when it has none. */
export const resourceThumbnailUrl = (resourceId: string, key: string) => `${resourceMediaUrl(resourceId, key)}?size=thumb`;
