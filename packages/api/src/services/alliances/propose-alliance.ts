import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import type { TAllianceFields } from '@ssb/domain/alliance-input';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { sanitizeRichText } from '../resources/sanitize.ts';
import { loadStandingBase, lockAlliance, notifyManagersOf, notifyOffice, type AllianceRow } from './alliance-rows.ts';

type Deps = { publicUrl: string };

/** The founding bases, each a named base in good standing other than the lead. */
async function loadFoundingBases(tx: DbOrTx, ids: string[]) {
  const found = [];
  for (const id of ids) found.push(await loadStandingBase(tx, id));
  return found;
}

const charterOf = (html: string) => {
  const clean = sanitizeRichText(html);
  if (!clean) throw userError('BAD_REQUEST', '请填写联盟倡议或章程');
  return clean;
};

/** With no founding member left to answer, the proposal goes to the office. */
export async function submitIfFoundersAgreed(tx: DbOrTx, alliance: AllianceRow, actorUserId: string, deps: Deps) {
  const [waiting] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.allianceMembers)
    .where(and(eq(schema.allianceMembers.allianceId, alliance.id), eq(schema.allianceMembers.role, 'founding'), ne(schema.allianceMembers.status, 'active')));
  if (waiting!.n > 0) return alliance;
  const [submitted] = await tx
    .update(schema.alliances)
    .set({ status: 'submitted', submittedAt: new Date(), returnReason: null, version: sql`${schema.alliances.version} + 1`, updatedAt: new Date() })
    .where(eq(schema.alliances.id, alliance.id))
    .returning();
  await appendAudit(tx, { actorUserId, action: 'alliance.submitted', entityType: 'alliance', entityId: alliance.id, data: { name: alliance.name } });
  await notifyOffice(tx, { title: '新的联盟申请待审核', body: `“${alliance.name}”的发起单位均已确认，请审核。`, link: `/admin/alliances/${alliance.id}` }, deps.publicUrl);
  return submitted!;
}

/**
 * A base manager proposes an alliance: `founders_pending`, charter version 1, the lead base active as lead,
 * each founding base invited; their managers are asked to accept.
 */
export async function proposeAlliance(db: Database, viewer: ManagerViewer, input: TAllianceFields, deps: Deps) {
  return db.transaction(async (tx) => {
    const lead = await loadManagedBase(tx, viewer, input.leadBaseId);
    await loadStandingBase(tx, lead.id);
    const founders = await loadFoundingBases(tx, input.foundingBaseIds);
    const [alliance] = await tx
      .insert(schema.alliances)
      .values({
        name: input.name,
        kind: input.kind,
        districtCodes: input.kind === 'regional' ? input.districtCodes : [],
        theme: input.kind === 'thematic' ? input.theme : '',
        leadBaseId: lead.id,
        proposedBy: viewer.userId,
      })
      .returning();
    await tx.insert(schema.allianceCharters).values({ allianceId: alliance!.id, version: 1, bodyHtml: charterOf(input.charterHtml), createdBy: viewer.userId });
    const now = new Date();
    await tx.insert(schema.allianceMembers).values([
      { allianceId: alliance!.id, organizationId: lead.organizationId, baseId: lead.id, role: 'lead', status: 'active', invitedBy: viewer.userId, joinedAt: now },
      ...founders.map((b) => ({ allianceId: alliance!.id, organizationId: b.organizationId, baseId: b.id, role: 'founding' as const, status: 'invited' as const, invitedBy: viewer.userId })),
    ]);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.proposed', entityType: 'alliance', entityId: alliance!.id, data: { name: input.name, leadBaseId: lead.id, foundingBaseIds: input.foundingBaseIds } });
    await notifyManagersOf(
      tx,
      founders.map((b) => b.organizationId),
      { title: '邀请您作为联盟发起单位', body: `“${lead.name}”发起成立“${input.name}”，邀请贵基地作为发起单位。请在申报门户“我的联盟”中确认或谢绝。`, link: '/portal/alliances' },
      deps.publicUrl,
    );
    return submitIfFoundersAgreed(tx, alliance!, viewer.userId, deps);
  });
}

/**
 * The proposer edits a returned proposal and sends it again: a new charter version when the text changed;
 * founding bases kept keep their answer unless they declined (asked again), new ones are invited, dropped ones removed.
 */
export async function resubmitAlliance(db: Database, viewer: ManagerViewer, input: TAllianceFields & { allianceId: string; version: number }, deps: Deps) {
  return db.transaction(async (tx) => {
    const alliance = await lockAlliance(tx, input.allianceId);
    if (alliance.proposedBy !== viewer.userId) throw userError('FORBIDDEN', '只有发起人可以修改该联盟申请');
    if (alliance.status !== 'returned') throw userError('BAD_REQUEST', '该联盟申请当前不能修改，请刷新页面');
    if (alliance.version !== input.version) throw userError('CONFLICT', '该申请刚刚被修改，请刷新后重试');
    const lead = await loadManagedBase(tx, viewer, input.leadBaseId);
    const founders = await loadFoundingBases(tx, input.foundingBaseIds);
    const members = await tx.select().from(schema.allianceMembers).where(eq(schema.allianceMembers.allianceId, alliance.id));
    const wanted = new Set([lead.id, ...founders.map((f) => f.id)]);
    const dropped = members.filter((m) => !m.baseId || !wanted.has(m.baseId)).map((m) => m.id);
    if (dropped.length) await tx.delete(schema.allianceMembers).where(inArray(schema.allianceMembers.id, dropped));
    const now = new Date();
    const byBase = new Map(members.map((m) => [m.baseId, m]));
    const invited: string[] = [];
    for (const base of [lead, ...founders]) {
      const role = base.id === lead.id ? ('lead' as const) : ('founding' as const);
      const existing = byBase.get(base.id);
      const status = role === 'lead' ? 'active' : existing?.status === 'active' && existing.role !== 'lead' ? 'active' : 'invited';
      if (status === 'invited') invited.push(base.organizationId);
      if (existing) {
        await tx.update(schema.allianceMembers).set({ role, status, reason: null, joinedAt: status === 'active' ? (existing.joinedAt ?? now) : null, updatedAt: now }).where(eq(schema.allianceMembers.id, existing.id));
      } else {
        await tx.insert(schema.allianceMembers).values({ allianceId: alliance.id, organizationId: base.organizationId, baseId: base.id, role, status, invitedBy: viewer.userId, joinedAt: status === 'active' ? now : null });
      }
    }
    const [latest] = await tx.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, alliance.id)).orderBy(sql`${schema.allianceCharters.version} desc`).limit(1);
    const charter = charterOf(input.charterHtml);
    if (latest?.bodyHtml !== charter) await tx.insert(schema.allianceCharters).values({ allianceId: alliance.id, version: (latest?.version ?? 0) + 1, bodyHtml: charter, createdBy: viewer.userId });
    const [updated] = await tx
      .update(schema.alliances)
      .set({
        name: input.name,
        kind: input.kind,
        districtCodes: input.kind === 'regional' ? input.districtCodes : [],
        theme: input.kind === 'thematic' ? input.theme : '',
        leadBaseId: lead.id,
        status: 'founders_pending',
        version: sql`${schema.alliances.version} + 1`,
        updatedAt: now,
      })
      .where(eq(schema.alliances.id, alliance.id))
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.resubmitted', entityType: 'alliance', entityId: alliance.id, data: { name: input.name, foundingBaseIds: input.foundingBaseIds } });
    await notifyManagersOf(tx, invited, { title: '邀请您作为联盟发起单位', body: `“${lead.name}”发起成立“${input.name}”（已修改后重新提交），请在申报门户“我的联盟”中确认或谢绝。`, link: '/portal/alliances' }, deps.publicUrl);
    return submitIfFoundersAgreed(tx, updated!, viewer.userId, deps);
  });
}
