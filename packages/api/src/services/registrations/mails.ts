import { formatEventPeriod } from '@ssb/domain/events';
import { formatBeijingDateTime } from '@ssb/domain/time';
import type { DbOrTx } from '@ssb/db';
import { enqueueJob } from '../jobs/queue.ts';

type Mailed = { email: string | null; name: string | null; code: string; seats: number };
type EventFacts = { id: string; title: string; startsAt: Date; endsAt: Date; place: string };

const SIGNATURE = '\n\n科学家精神教育基地资源共享平台';
const when = (event: EventFacts) => `${formatEventPeriod(event.startsAt, event.endsAt)}（北京时间）`;

/** The registrant's own page; the secret is only ever in the mail that carries it. */
const ownPage = (publicUrl: string, registrationId: string, secret: string) => `${publicUrl}/events/registration/${registrationId}?token=${secret}`;

/** The confirmation (or waiting-list) mail, with the door code and the page that shows and cancels it. */
export function registrationMail(publicUrl: string, event: EventFacts, registration: Mailed & { id: string; status: 'confirmed' | 'waitlisted' }, secret: string) {
  if (!registration.email) return null;
  const page = ownPage(publicUrl, registration.id, secret);
  const state =
    registration.status === 'confirmed'
      ? `您已报名成功，共 ${registration.seats} 人。入场签到码：${registration.code}`
      : `活动名额已满，您已进入候补名单（${registration.seats} 人）。有名额空出时将按报名先后为您确认，并邮件通知。`;
  return {
    to: registration.email,
    subject: `【活动报名】${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n${state}\n\n活动：${event.title}\n时间：${when(event)}\n地点：${event.place}\n\n查看报名、出示二维码或取消报名：${page}${SIGNATURE}`,
  };
}

/** A waiting entry that got seats freed by a cancellation. */
export async function mailPromoted(db: DbOrTx, event: EventFacts, registration: Mailed) {
  if (!registration.email) return;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动报名】候补成功：${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n有名额空出，您的候补报名（${registration.seats} 人）已确认。入场签到码：${registration.code}\n\n时间：${when(event)}\n地点：${event.place}${SIGNATURE}`,
  });
}

/** Everyone still holding a place is told when the event is called off. */
export async function mailCancelledEvent(db: DbOrTx, event: EventFacts & { cancelReason: string | null }, registration: Mailed) {
  if (!registration.email) return;
  const reason = event.cancelReason ? `\n原因：${event.cancelReason}` : '';
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动取消】${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n很抱歉，您报名的活动“${event.title}”（${when(event)}）已取消。${reason}${SIGNATURE}`,
  });
}

/** Freed seats held for a waiting entry that must accept them in time; the link replaces the earlier one. */
export async function mailOffer(db: DbOrTx, publicUrl: string, event: EventFacts, registration: Mailed & { id: string }, secret: string, expiresAt: Date) {
  if (!registration.email) return;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动报名】候补名额待您确认：${event.title}`,
    text:
      `${registration.name ?? ''}，您好：\n\n有名额空出，已为您的候补报名（${registration.seats} 人）保留名额。` +
      `请在 ${formatBeijingDateTime(expiresAt)}前打开下面的链接接受；逾期未接受，名额将顺延给下一位候补者。\n\n` +
      `接受或放弃名额：${ownPage(publicUrl, registration.id, secret)}\n（此链接取代之前邮件中的链接。）\n\n活动：${event.title}\n时间：${when(event)}\n地点：${event.place}${SIGNATURE}`,
  });
}

/** An offer that was not accepted in time. */
export async function mailOfferExpired(db: DbOrTx, event: EventFacts, registration: Mailed) {
  if (!registration.email) return;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动报名】候补名额已过期：${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n为您保留的候补名额（${registration.seats} 人）未在时限内接受，已顺延给下一位候补者。如仍想参加，可在报名开放时重新报名。${SIGNATURE}`,
  });
}

/** The day-before reminder, with the door code. */
export async function mailReminder(db: DbOrTx, event: EventFacts, registration: Mailed) {
  if (!registration.email) return;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动提醒】明天：${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n提醒您参加已报名的活动（${registration.seats} 人）。入场签到码：${registration.code}\n\n活动：${event.title}\n时间：${when(event)}\n地点：${event.place}\n\n如不能参加，请打开报名确认邮件中的链接取消，把名额让给候补的人。${SIGNATURE}`,
  });
}

/** Everyone registered is told when the event's time or place changes. */
export async function mailMoved(db: DbOrTx, event: EventFacts, before: EventFacts, registration: Mailed) {
  if (!registration.email) return;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动变更】时间或地点已调整：${event.title}`,
    text:
      `${registration.name ?? ''}，您好：\n\n您报名的活动“${event.title}”时间或地点有调整：\n` +
      `原时间：${when(before)}\n原地点：${before.place}\n新时间：${when(event)}\n新地点：${event.place}\n\n` +
      `您的报名（${registration.seats} 人）保持不变。如不能参加，请打开报名确认邮件中的链接取消。${SIGNATURE}`,
  });
}
