import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, count, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

type Actor = { userId: string };

/** Experts the office may assign now: in the pool, marked active, with an active account. */
export async function activePoolExperts(db: DbOrTx) {
  return db
    .select({ userId: schema.experts.userId, name: schema.users.name })
    .from(schema.experts)
    .innerJoin(schema.users, eq(schema.users.id, schema.experts.userId))
    .where(and(eq(schema.experts.active, true), eq(schema.users.status, 'active')))
    .orderBy(asc(schema.users.name), asc(schema.experts.userId));
}

/** The pool with each expert's unit and current workload (unfinished assignments in any round). */
export async function listExperts(db: DbOrTx) {
  const rows = await db
    .select({
      userId: schema.experts.userId,
      name: schema.users.name,
      email: schema.users.email,
      title: schema.experts.title,
      fields: schema.experts.fields,
      active: schema.experts.active,
      organizationId: schema.experts.organizationId,
      organizationName: schema.organizations.name,
    })
    .from(schema.experts)
    .innerJoin(schema.users, eq(schema.users.id, schema.experts.userId))
    .leftJoin(schema.organizations, eq(schema.organizations.id, schema.experts.organizationId))
    .orderBy(asc(schema.users.name));
  const loads = rows.length
    ? await db
        .select({ userId: schema.reviewAssignments.expertUserId, open: count() })
        .from(schema.reviewAssignments)
        .where(and(inArray(schema.reviewAssignments.expertUserId, rows.map((r) => r.userId)), eq(schema.reviewAssignments.status, 'assigned')))
        .groupBy(schema.reviewAssignments.expertUserId)
    : [];
  return rows.map((r) => ({ ...r, unfinished: Number(loads.find((l) => l.userId === r.userId)?.open ?? 0) }));
}

/** Accounts holding the expert role that are not yet in the pool. */
export async function expertCandidates(db: DbOrTx) {
  const inPool = db.select({ id: schema.experts.userId }).from(schema.experts);
  return db
    .selectDistinct({ userId: schema.users.id, name: schema.users.name, email: schema.users.email, organizationId: schema.memberships.organizationId, organizationName: schema.organizations.name })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.memberships.organizationId))
    .where(and(eq(schema.memberships.role, 'expert'), ne(schema.users.status, 'disabled'), notInArray(schema.users.id, inPool)))
    .orderBy(asc(schema.users.name));
}

export type ExpertInput = { userId: string; organizationId: string | null; title: string | null; fields: string[] };

export async function addExpert(db: Database, actor: Actor, input: ExpertInput) {
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select({ id: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.userId, input.userId), eq(schema.memberships.role, 'expert')));
    if (!grant) throw userError('BAD_REQUEST', '该账号没有评审专家角色，请先在“用户”中授予角色');
    const [taken] = await tx.select().from(schema.experts).where(eq(schema.experts.userId, input.userId));
    if (taken) throw userError('CONFLICT', '该专家已在专家库中');
    await tx.insert(schema.experts).values({ userId: input.userId, organizationId: input.organizationId, title: input.title, fields: input.fields });
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.expert_add', entityType: 'expert', entityId: input.userId, data: { ...input } });
    return { ok: true };
  });
}

export async function updateExpert(db: Database, actor: Actor, input: ExpertInput & { active: boolean }) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.experts)
      .set({ organizationId: input.organizationId, title: input.title, fields: input.fields, active: input.active })
      .where(eq(schema.experts.userId, input.userId))
      .returning();
    if (!updated) throw userError('NOT_FOUND', '专家不在专家库中');
    await appendAudit(tx, { actorUserId: actor.userId, action: 'review.expert_update', entityType: 'expert', entityId: input.userId, data: { ...input } });
    return { ok: true };
  });
}
