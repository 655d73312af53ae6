/** A named base in the register, and what it publishes on the shared-resource platform. */
export const BASE_STATUSES = ['active', 'rectification', 'revoked', 'expired'] as const;
export type BaseStatus = (typeof BASE_STATUSES)[number];
export const BASE_STATUS_LABELS: Record<BaseStatus, { zh: string; en: string }> = {
  active: { zh: '有效', en: 'Active' },
  rectification: { zh: '整改中', en: 'Under rectification' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  expired: { zh: '已到期', en: 'Expired' },
};

/** A named base keeps its title for five years. */
export const BASE_TERM_YEARS = 5;

/** Opening hours per weekday (1 = Monday … 7 = Sunday), Beijing time, "HH:MM". */
export type OpeningHours = Array<{ weekday: number; opens: string; closes: string }>;

/** Days a base is closed whatever its weekly hours say (holidays, works): Beijing days, inclusive. */
export type BaseClosure = { startsOn: string; endsOn: string; note: string };

/** A photo of the base on its public page, stored with a thumbnail beside it (as resource images are). */
export type BasePhoto = { key: string; name: string };
export const BASE_PHOTO_LIMITS = { maxPhotos: 6 } as const;
export const BASE_PHOTO_MESSAGES = { tooMany: '基地照片最多 6 张' } as const;

export const RESOURCE_TYPES = ['exhibit', 'touring_exhibition', 'course', 'lecture', 'video', 'publication', 'online'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const RESOURCE_TYPE_LABELS: Record<ResourceType, { zh: string; en: string }> = {
  exhibit: { zh: '展品', en: 'Exhibit' },
  touring_exhibition: { zh: '巡展', en: 'Touring exhibition' },
  course: { zh: '课程', en: 'Course' },
  lecture: { zh: '讲座', en: 'Lecture' },
  video: { zh: '视频', en: 'Video' },
  publication: { zh: '出版物', en: 'Publication' },
  online: { zh: '线上展馆/VR', en: 'Online / VR' },
};

export const RESOURCE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export const AUDIENCES = ['primary', 'secondary', 'university', 'teachers', 'science_workers', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, { zh: string; en: string }> = {
  primary: { zh: '小学生', en: 'Primary pupils' },
  secondary: { zh: '中学生', en: 'Secondary pupils' },
  university: { zh: '大学生', en: 'University students' },
  teachers: { zh: '教师', en: 'Teachers' },
  science_workers: { zh: '科技工作者', en: 'Science workers' },
  public: { zh: '社会公众', en: 'General public' },
};

export const BOOKING_STATUSES = ['requested', 'approved', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, { zh: string; en: string }> = {
  requested: { zh: '待审批', en: 'Requested' },
  approved: { zh: '已同意', en: 'Approved' },
  declined: { zh: '已拒绝', en: 'Declined' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
