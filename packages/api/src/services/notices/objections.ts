import { schema, type DbOrTx } from '@ssb/db';
import { OBJECTION_RATE_PER_IP, type TObjectionInput } from '@ssb/domain/register';
import { and, eq, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { hitRateLimit } from '../auth/rate-limit.ts';
import { userError } from '../errors.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { isNoticeOpenForObjections } from './public-notices.ts';

const TOO_OFTEN = '提交过于频繁，请一小时后再试；如情况紧急请致电工作办公室';

/**
 * A visitor's objection, accepted only while the notice runs and only against a nomination it
 * lists. Limited per network address so that the form cannot be used to flood the office, and per
 * e-mail address (which gets the answer by mail) so that it cannot be used to mail a stranger.
 */
export async function fileObjection(deps: Pick<ApiDeps, 'db' | 'config'>, request: { ip: string }, input: TObjectionInput, now = new Date()) {
  const { limit, windowSeconds } = OBJECTION_RATE_PER_IP;
  if (!(await hitRateLimit(deps.db, `objection:ip:${request.ip}`, limit, windowSeconds)).allowed) throw userError('TOO_MANY_REQUESTS', TOO_OFTEN);
  const notice = await deps.db.query.publicNotices.findFirst({ where: eq(schema.publicNotices.id, input.noticeId) });
  if (!notice || notice.status === 'draft') throw userError('NOT_FOUND', '公示不存在或尚未发布');
  if (!isNoticeOpenForObjections(notice, now)) throw userError('BAD_REQUEST', now < notice.startsAt ? '公示尚未开始，暂不受理异议' : '公示期已结束，不再受理异议');
  if (!notice.applicationIds.includes(input.applicationId)) throw userError('BAD_REQUEST', '所选基地不在本次公示名单中');
  // Only an objection that will be filed counts against the e-mail address, as only it leads to a mail.
  const email = input.filerEmail?.trim().toLowerCase();
  if (email && !(await hitRateLimit(deps.db, `objection:email:${email}`, limit, windowSeconds)).allowed) throw userError('TOO_MANY_REQUESTS', TOO_OFTEN);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.objections)
      .values({ noticeId: notice.id, applicationId: input.applicationId, filerName: input.filerName, filerPhone: input.filerPhone, filerEmail: input.filerEmail || null, body: input.body, filedAt: now })
      .returning({ id: schema.objections.id, filedAt: schema.objections.filedAt });
    await appendAudit(tx, { actorUserId: null, action: 'objection.file', entityType: 'objection', entityId: row!.id, data: { noticeId: notice.id, applicationId: input.applicationId, ip: request.ip } });
    const office = await officeUsers(tx);
    await notifyUsers(tx, office, { title: '公示收到新的异议', body: `“${notice.title}”收到一条异议，请及时核实并答复。`, link: `/admin/notices/${notice.id}` }, deps.config.publicUrl);
    return { id: row!.id, filedAt: row!.filedAt };
  });
}

async function officeUsers(db: DbOrTx) {
  return db
    .selectDistinct({ id: schema.users.id, email: schema.users.email, name: schema.users.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.role, 'office'), eq(schema.users.status, 'active')));
}

/** The office's answer; the filer gets it by email when they left an address. */
export async function answerObjection(db: DbOrTx, actor: { userId: string }, input: { objectionId: string; answer: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.objections)
      .set({ status: 'answered', answer: input.answer, answeredBy: actor.userId, answeredAt: new Date() })
      .where(and(eq(schema.objections.id, input.objectionId), eq(schema.objections.status, 'open')))
      .returning();
    if (!row) {
      const exists = await tx.query.objections.findFirst({ where: eq(schema.objections.id, input.objectionId) });
      throw exists ? userError('CONFLICT', '该异议已答复') : userError('NOT_FOUND', '异议不存在');
    }
    await appendAudit(tx, { actorUserId: actor.userId, action: 'objection.answer', entityType: 'objection', entityId: row.id, data: { noticeId: row.noticeId, applicationId: row.applicationId } });
    if (row.filerEmail) {
      await enqueueJob(tx, 'mail.send', {
        to: row.filerEmail,
        subject: '【科学家精神教育基地】异议答复',
        text: `${row.filerName}，您好：\n\n您对公示提出的异议，工作办公室答复如下：\n\n${input.answer}\n\n科学家精神教育基地工作办公室`,
      });
    }
    return row;
  });
}

/** Status look-ups allowed per visitor address per hour: a filer checks a few times, a guesser is stopped. */
export const OBJECTION_LOOKUP_RATE_PER_IP = { limit: 20, windowSeconds: 3600 };
const NOT_FOUND_LOOKUP = '未找到该异议：请核对受理编号和提交时填写的联系电话';

/**
 * What became of an objection, for its filer: found by the 8-character reference shown when it
 * was filed together with the phone number given then, so a reference alone reveals nothing.
 */
export async function lookUpObjection(db: DbOrTx, request: { ip: string }, input: { reference: string; phone: string }) {
  const { limit, windowSeconds } = OBJECTION_LOOKUP_RATE_PER_IP;
  if (!(await hitRateLimit(db, `objection-lookup:ip:${request.ip}`, limit, windowSeconds)).allowed) throw userError('TOO_MANY_REQUESTS', '查询过于频繁，请一小时后再试');
  const digits = input.phone.replace(/\D/g, '');
  const [row] = await db
    .select({
      id: schema.objections.id,
      status: schema.objections.status,
      filedAt: schema.objections.filedAt,
      answer: schema.objections.answer,
      answeredAt: schema.objections.answeredAt,
      noticeTitle: schema.publicNotices.title,
    })
    .from(schema.objections)
    .innerJoin(schema.publicNotices, eq(schema.publicNotices.id, schema.objections.noticeId))
    .where(and(sql`left(${schema.objections.id}::text, 8) = ${input.reference.toLowerCase()}`, sql`regexp_replace(${schema.objections.filerPhone}, '[^0-9]', '', 'g') = ${digits}`))
    .limit(1);
  if (!row || digits.length < 7) throw userError('NOT_FOUND', NOT_FOUND_LOOKUP);
  return { reference: row.id.slice(0, 8).toUpperCase(), status: row.status, filedAt: row.filedAt, noticeTitle: row.noticeTitle, answer: row.answer, answeredAt: row.answeredAt };
}
