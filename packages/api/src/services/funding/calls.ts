import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { formatFen, GRANT_STATUSES, isCallOpen, type FundingCallStatus, type FundingStatus } from '@ssb/domain/funding';
import type { TFundingCallFields } from '@ssb/domain/funding-input';
import { withCriterionKeys } from '@ssb/domain/review-criteria';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { notifyManagersOf } from '../alliances/alliance-rows.ts';
import { userError } from '../errors.ts';
import { callTotals, loadCall, type CallRow, type Deps, type FundingViewer } from './rows.ts';

function callValues(input: TFundingCallFields) {
  return {
    title: input.title,
    year: input.year,
    description: input.description,
    poolFen: input.pool,
    maxPerProjectFen: input.maxPerProject,
    kinds: input.kinds,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    allowAlliances: input.allowAlliances,
    categories: input.categories,
    requiredAttachments: input.requiredAttachments,
    criteria: withCriterionKeys(input.criteria),
    changeThresholdPercent: input.changeThresholdPercent,
    reportDueDays: input.reportDueDays,
    tranchePercents: input.tranchePercents,
    minOutcome: input.minOutcome ?? null,
  };
}

/** Working-group members must hold `funding_reviewer`. */
async function setGroup(tx: DbOrTx, callId: string, userIds: string[]) {
  if (userIds.length) {
    const holders = await tx
      .selectDistinct({ userId: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(inArray(schema.memberships.userId, userIds), eq(schema.memberships.role, 'funding_reviewer')));
    if (holders.length !== userIds.length) throw userError('BAD_REQUEST', '工作组成员须具有“专项工作组”角色');
  }
  await tx.delete(schema.fundingGroupMembers).where(eq(schema.fundingGroupMembers.callId, callId));
  if (userIds.length) await tx.insert(schema.fundingGroupMembers).values(userIds.map((userId) => ({ callId, userId })));
}

export async function createFundingCall(db: DbOrTx, viewer: FundingViewer, input: TFundingCallFields) {
  return db.transaction(async (tx) => {
    const [call] = await tx.insert(schema.fundingCalls).values({ ...callValues(input), createdBy: viewer.userId }).returning();
    await setGroup(tx, call!.id, input.groupMemberIds);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.call_created', entityType: 'funding_call', entityId: call!.id, data: { title: input.title, poolFen: input.pool } });
    return call!;
  });
}

/** Edits a call while nobody has been committed money from it; the pool never drops below what is committed. */
export async function updateFundingCall(db: DbOrTx, viewer: FundingViewer, input: TFundingCallFields & { callId: string; version: number }) {
  return db.transaction(async (tx) => {
    const call = await loadCall(tx, input.callId, { lock: true });
    if (call.version !== input.version) throw userError('CONFLICT', '该通知已被他人修改，请刷新后再改');
    const totals = (await callTotals(tx, [call])).get(call.id)!;
    if (input.pool < totals.committedFen) throw userError('BAD_REQUEST', `资金总额不能少于已承诺的 ${formatFen(totals.committedFen)} 元`);
    const [updated] = await tx
      .update(schema.fundingCalls)
      .set({ ...callValues(input), version: call.version + 1, updatedAt: new Date() })
      .where(eq(schema.fundingCalls.id, call.id))
      .returning();
    await setGroup(tx, call.id, input.groupMemberIds);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.call_updated', entityType: 'funding_call', entityId: call.id, data: { poolFen: input.pool, before: { poolFen: call.poolFen } } });
    return updated!;
  });
}

/** Publishing tells every manager of an active named base (once). Closing ends submissions early. */
export async function setFundingCallStatus(db: DbOrTx, viewer: FundingViewer, input: { callId: string; status: FundingCallStatus }, deps: Deps) {
  return db.transaction(async (tx) => {
    const call = await loadCall(tx, input.callId, { lock: true });
    if (call.status === input.status) return call;
    if (call.status === 'closed' && input.status !== 'closed') throw userError('BAD_REQUEST', '已关闭的通知不能重新发布');
    const [updated] = await tx
      .update(schema.fundingCalls)
      .set({ status: input.status, version: call.version + 1, updatedAt: new Date(), ...(input.status === 'open' && !call.notifiedAt ? { notifiedAt: new Date() } : {}) })
      .where(eq(schema.fundingCalls.id, call.id))
      .returning();
    if (input.status === 'open' && !call.notifiedAt) {
      const bases = await tx.select({ organizationId: schema.bases.organizationId }).from(schema.bases).where(eq(schema.bases.status, 'active'));
      await notifyManagersOf(
        tx,
        bases.map((b) => b.organizationId),
        { title: '专项活动工作经费开始申报', body: `“${call.title}”已发布，申报截止时间 ${formatBeijingDateTime(call.closesAt)}（北京时间），请在申报门户“专项经费”中申请。`, link: '/portal/funding' },
        deps.publicUrl,
      );
    }
    await appendAudit(tx, { actorUserId: viewer.userId, action: input.status === 'open' ? 'funding.call_opened' : 'funding.call_closed', entityType: 'funding_call', entityId: call.id, data: { title: call.title } });
    return updated!;
  });
}

function withFigures(call: CallRow, totals: Awaited<ReturnType<typeof callTotals>>, now: Date) {
  return { ...call, isOpen: isCallOpen(call, now), totals: totals.get(call.id)! };
}

export async function listFundingCallsForOffice(db: DbOrTx, now = new Date()) {
  const calls = await db.select().from(schema.fundingCalls).orderBy(desc(schema.fundingCalls.year), desc(schema.fundingCalls.createdAt));
  const totals = await callTotals(db, calls);
  return calls.map((c) => withFigures(c, totals, now));
}

export async function getFundingCallForOffice(db: DbOrTx, callId: string, now = new Date()) {
  const call = await loadCall(db, callId);
  const totals = await callTotals(db, [call]);
  const group = await db
    .select({ userId: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.fundingGroupMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.fundingGroupMembers.userId))
    .where(eq(schema.fundingGroupMembers.callId, callId));
  return { ...withFigures(call, totals, now), group };
}

/** Users the office may put on a working group. */
export async function listFundingReviewers(db: DbOrTx) {
  return db
    .selectDistinct({ userId: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.role, 'funding_reviewer'), eq(schema.users.status, 'active')));
}

/** One published call for its public page: the list's figures, its required attachments and criteria, and what it funded. */
export async function getPublicFundingCall(db: DbOrTx, callId: string, now = new Date()) {
  const call = (await listPublicFundingCalls(db, now)).find((c) => c.id === callId);
  if (!call) throw userError('NOT_FOUND', '未找到该专项申报通知');
  const [row] = await db.select({ requiredAttachments: schema.fundingCalls.requiredAttachments, criteria: schema.fundingCalls.criteria, tranchePercents: schema.fundingCalls.tranchePercents }).from(schema.fundingCalls).where(eq(schema.fundingCalls.id, callId));
  const funded = await db
    .select({ id: schema.fundingApplications.id, title: schema.fundingApplications.title, kind: schema.fundingApplications.kind, status: schema.fundingApplications.status, awardFen: schema.fundingApplications.awardFen, baseName: schema.bases.name })
    .from(schema.fundingApplications)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .where(and(eq(schema.fundingApplications.callId, callId), inArray(schema.fundingApplications.status, GRANT_STATUSES as FundingStatus[])));
  return { ...call, requiredAttachments: row!.requiredAttachments, criteria: row!.criteria.map((c) => ({ label: c.label, weight: c.weight })), tranchePercents: row!.tranchePercents, funded };
}

/** Published calls with their public figures (platform, portal and open data). */
export async function listPublicFundingCalls(db: DbOrTx, now = new Date()) {
  const calls = await db.select().from(schema.fundingCalls).where(ne(schema.fundingCalls.status, 'draft')).orderBy(desc(schema.fundingCalls.year), desc(schema.fundingCalls.opensAt));
  const totals = await callTotals(db, calls);
  return calls.map((c) => {
    const t = totals.get(c.id)!;
    return {
      id: c.id,
      title: c.title,
      year: c.year,
      description: c.description,
      kinds: c.kinds,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      status: c.status,
      isOpen: isCallOpen(c, now),
      maxPerProjectFen: c.maxPerProjectFen,
      categories: c.categories,
      allowAlliances: c.allowAlliances,
      poolFen: c.poolFen,
      committedFen: t.committedFen,
      disbursedFen: t.disbursedFen,
      returnedFen: t.returnedFen,
      availableFen: t.availableFen,
    };
  });
}
