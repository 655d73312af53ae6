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

/** Registration settings of an event, kept with its other fields. */
export const ZRegistrationSettings = z.object({
  registrationEnabled: z.boolean().default(false),
  registrationOpensAt: z.iso.datetime({ offset: true, error: '请选择报名开始时间' }).nullable().default(null),
  registrationClosesAt: z.iso.datetime({ offset: true, error: '请选择报名截止时间' }).nullable().default(null),
  maxSeatsPerRegistration: z.number().int().min(1, { error: '每次报名至少 1 人' }).max(REGISTRATION_LIMITS.seatsMax, { error: '每次报名人数过多' }).default(1),
});
export type TRegistrationSettings = z.infer<typeof ZRegistrationSettings>;

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
