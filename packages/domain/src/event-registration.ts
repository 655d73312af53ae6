/**
 * Public registration for events: the states of one registration and of a co-host's invitation.
 * No zod here, so the public site can import the labels.
 */

/**
 * `confirmed` holds seats; `waitlisted` waits in order for seats to free up; `offered` has been given
 * freed seats and must accept before `offerExpiresAt` (only when the event asks for acceptance);
 * `cancelled` by the registrant or the host; `expired` when an offer was not accepted in time.
 */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { zh: string; en: string }> = {
  confirmed: { zh: '已确认', en: 'Confirmed' },
  waitlisted: { zh: '候补中', en: 'On the waiting list' },
  offered: { zh: '待确认候补名额', en: 'Seats offered' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  expired: { zh: '名额已过期', en: 'Offer expired' },
};
/** The states that hold a place (seats or a place in the queue); one phone holds at most one per event. */
export const LIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered'];

export const COHOST_STATUSES = ['invited', 'accepted', 'declined'] as const;
export type CohostStatus = (typeof COHOST_STATUSES)[number];
export const COHOST_STATUS_LABELS: Record<CohostStatus, { zh: string; en: string }> = {
  invited: { zh: '待确认', en: 'Invited' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '已谢绝', en: 'Declined' },
};
