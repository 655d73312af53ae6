import { formatEventPeriod } from '@ssb/domain/events';
import type { DbOrTx } from '@ssb/db';
import { enqueueJob } from '../jobs/queue.ts';

type Mailed = { email: string | null; name: string | null; code: string; seats: number };
type EventFacts = { id: string; title: string; startsAt: Date; endsAt: Date; place: string };

const SIGNATURE = '\n\n科学家精神教育基地资源共享平台';
const when = (event: EventFacts) => `${formatEventPeriod(event.startsAt, event.endsAt)}（北京时间）`;

/** The confirmation (or waiting-list) mail, with the door code and the page that shows and cancels it. */
export async function mailRegistration(db: DbOrTx, publicUrl: string, event: EventFacts, registration: Mailed & { id: string; status: 'confirmed' | 'waitlisted' }, secret: string) {
  if (!registration.email) return;
  const page = `${publicUrl}/events/registration/${registration.id}?token=${secret}`;
  const state =
    registration.status === 'confirmed'
      ? `您已报名成功，共 ${registration.seats} 人。入场签到码：${registration.code}`
      : `活动名额已满，您已进入候补名单（${registration.seats} 人）。有名额空出时将按报名先后为您确认，并邮件通知。`;
  await enqueueJob(db, 'mail.send', {
    to: registration.email,
    subject: `【活动报名】${event.title}`,
    text: `${registration.name ?? ''}，您好：\n\n${state}\n\n活动：${event.title}\n时间：${when(event)}\n地点：${event.place}\n\n查看报名、出示二维码或取消报名：${page}${SIGNATURE}`,
  });
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
