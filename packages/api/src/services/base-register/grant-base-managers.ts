import { schema, type DbOrTx } from '@ssb/db';
import { appendAudit } from '../audit/append.ts';
import { notifyUsers, usersOf } from '../notifications/notify.ts';

/**
 * When a nomination is named, the people who applied for the organization become its base managers
 * (role `base_manager` in that same organization), so they can keep the new base on the portal.
 * Runs inside the naming transaction; a membership already held is left as it is.
 */
export async function grantBaseManagers(
  tx: DbOrTx,
  publicUrl: string,
  input: { organizationId: string; base: { id: string; number: string; name: string }; actorUserId: string },
) {
  const applicants = await usersOf(tx, input.organizationId, ['applicant']);
  const granted: typeof applicants = [];
  for (const user of applicants) {
    const inserted = await tx
      .insert(schema.memberships)
      .values({ userId: user.id, organizationId: input.organizationId, role: 'base_manager', grantedBy: input.actorUserId })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) continue;
    granted.push(user);
    await appendAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'role.granted',
      entityType: 'user',
      entityId: user.id,
      data: { userId: user.id, organizationId: input.organizationId, role: 'base_manager', reason: 'base.named', baseId: input.base.id, number: input.base.number },
    });
  }
  await notifyUsers(
    tx,
    granted,
    { title: '基地管理权限已开通', body: `“${input.base.name}”（${input.base.number}）已命名，您已获得基地管理员权限，可在申报门户“我的基地”中维护基地信息与共享资源。`, link: '/portal/base' },
    publicUrl,
  );
  return granted.map((u) => u.id);
}
