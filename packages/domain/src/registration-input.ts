import { z } from 'zod';
import { ZEmail, ZMobile, ZPersonName } from './accounts.ts';
import { AUDIENCES } from './bases.ts';

/** Registration for an event on the platform, without an account (a teacher may book for a class). */
export const REGISTRATION_LIMITS = { seatsMax: 200, schoolNameMax: 100, cancelReasonMax: 200, codeLength: 6 } as const;

export const ZEventRegister = z.object({
  eventId: z.uuid(),
  name: ZPersonName,
  phone: ZMobile,
  email: z.union([z.literal(''), ZEmail]).optional(),
  seats: z.number({ error: '请填写人数' }).int({ error: '人数应为整数' }).min(1, { error: '至少 1 人' }).max(REGISTRATION_LIMITS.seatsMax, { error: '人数过多' }),
  schoolName: z.string().trim().max(REGISTRATION_LIMITS.schoolNameMax, { error: `学校或单位名称不超过 ${REGISTRATION_LIMITS.schoolNameMax} 字` }).optional(),
  audience: z.enum(AUDIENCES).optional(),
});
export type TEventRegister = z.infer<typeof ZEventRegister>;

/** The secret of a registration's links (confirmation page, cancel): base64url of 24 random bytes. */
export const ZRegistrationSecret = z.object({ registrationId: z.uuid(), token: z.string().min(20).max(64) });

/** Characters of a door code that no one misreads (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ZCheckIn = z.object({
  eventId: z.uuid(),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(new RegExp(`^[${CODE_ALPHABET}]{${REGISTRATION_LIMITS.codeLength}}$`), { error: `签到码为 ${REGISTRATION_LIMITS.codeLength} 位字母或数字` }),
});

/** The longest an offer of freed seats may wait for its acceptance, and how long registrants' data may be kept. */
export const REGISTRATION_SETTING_LIMITS = { offerHoursMax: 168, personalDataDaysMax: 365, personalDataDaysDefault: 30 } as const;

/** Each registration setting, without a default: an update that leaves one out keeps the stored value. */
const registrationSettingFields = {
  registrationEnabled: z.boolean(),
  registrationOpensAt: z.iso.datetime({ offset: true, error: '请选择报名开始时间' }).nullable(),
  registrationClosesAt: z.iso.datetime({ offset: true, error: '请选择报名截止时间' }).nullable(),
  maxSeatsPerRegistration: z.number().int().min(1, { error: '每次报名至少 1 人' }).max(REGISTRATION_LIMITS.seatsMax, { error: '每次报名人数过多' }),
  /** When set, freed seats are offered to the next waiting entry, who must accept within this many hours. */
  offerAcceptanceHours: z
    .number({ error: '确认时限应为整数小时' })
    .int({ error: '确认时限应为整数小时' })
    .min(1, { error: '确认时限至少 1 小时' })
    .max(REGISTRATION_SETTING_LIMITS.offerHoursMax, { error: `确认时限不超过 ${REGISTRATION_SETTING_LIMITS.offerHoursMax} 小时` })
    .nullable(),
  /** Days after the event's end when registrants' names, phones and emails are deleted (counts stay). */
  personalDataDays: z
    .number({ error: '保留天数应为整数' })
    .int({ error: '保留天数应为整数' })
    .min(1, { error: '个人信息至少保留 1 天' })
    .max(REGISTRATION_SETTING_LIMITS.personalDataDaysMax, { error: `个人信息保留不超过 ${REGISTRATION_SETTING_LIMITS.personalDataDaysMax} 天` }),
};

/** Registration settings of a new event, kept with its other fields. */
export const ZRegistrationSettings = z.object({
  registrationEnabled: registrationSettingFields.registrationEnabled.default(false),
  registrationOpensAt: registrationSettingFields.registrationOpensAt.default(null),
  registrationClosesAt: registrationSettingFields.registrationClosesAt.default(null),
  maxSeatsPerRegistration: registrationSettingFields.maxSeatsPerRegistration.default(1),
  offerAcceptanceHours: registrationSettingFields.offerAcceptanceHours.default(null),
  personalDataDays: registrationSettingFields.personalDataDays.default(REGISTRATION_SETTING_LIMITS.personalDataDaysDefault),
});
export type TRegistrationSettings = z.infer<typeof ZRegistrationSettings>;

/** The same settings on an update: each may be left out, and is then kept as stored. */
export const ZRegistrationSettingsPatch = z.object({
  registrationEnabled: registrationSettingFields.registrationEnabled.optional(),
  registrationOpensAt: registrationSettingFields.registrationOpensAt.optional(),
  registrationClosesAt: registrationSettingFields.registrationClosesAt.optional(),
  maxSeatsPerRegistration: registrationSettingFields.maxSeatsPerRegistration.optional(),
  offerAcceptanceHours: registrationSettingFields.offerAcceptanceHours.optional(),
  personalDataDays: registrationSettingFields.personalDataDays.optional(),
});
export type TRegistrationSettingsPatch = z.infer<typeof ZRegistrationSettingsPatch>;
export const REGISTRATION_SETTING_KEYS = Object.keys(registrationSettingFields) as Array<keyof TRegistrationSettings>;

/** Whether registration is open at `now`: on, and inside its window (either end may be left open). */
export function isRegistrationOpen(
  event: { registrationEnabled: boolean; registrationOpensAt: Date | null; registrationClosesAt: Date | null; startsAt: Date; status: string },
  now = new Date(),
) {
  if (!event.registrationEnabled || event.status !== 'published') return false;
  if (event.registrationOpensAt && now < event.registrationOpensAt) return false;
  const closes = event.registrationClosesAt ?? event.startsAt;
  return now < closes;
}

/**
 * Which waiting entries get freed seats, in order of arrival: each entry all or nothing; an entry too
 * large for what is left is skipped (it keeps its place), and a smaller one after it may still fit.
 */
export function pickFromWaitingList<T extends { seats: number }>(freeSeats: number, queue: readonly T[]): T[] {
  const picked: T[] = [];
  let left = freeSeats;
  for (const entry of queue) {
    if (left <= 0) break;
    if (entry.seats <= left) {
      picked.push(entry);
      left -= entry.seats;
    }
  }
  return picked;
}

/** When an offer of freed seats lapses: after the event's acceptance hours, and never after the event starts. */
export function offerDeadline(offeredAt: Date, hours: number, startsAt: Date) {
  const deadline = new Date(offeredAt.getTime() + hours * 3600_000);
  return deadline < startsAt ? deadline : startsAt;
}

/** Who is reminded the day before: registered (and confirmed) before the reminder window opened. */
export const REMINDER_HOURS_BEFORE = 24;
export const reminderWindowOpens = (startsAt: Date) => new Date(startsAt.getTime() - REMINDER_HOURS_BEFORE * 3600_000);

/** When registrants' names, phones and emails are deleted: the set number of days after the event ends. */
export const personalDataDueAt = (endsAt: Date, days: number) => new Date(endsAt.getTime() + days * 86400_000);
