import type { TRegisterInput } from '@ssb/domain/accounts';
import type { Database } from '@ssb/db';
import { hashPassword, schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

const { organizations, users, memberships } = schema;

/** An applicant unit registers itself together with its first user, who becomes its applicant. */
export async function registerOrganization(db: Database, input: TRegisterInput) {
  const passwordHash = await hashPassword(input.user.password);
  return db.transaction(async (tx) => {
    const [takenUscc] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, input.organization.uscc));
    if (takenUscc) throw userError('CONFLICT', '该统一社会信用代码已注册。如需加入该单位，请联系单位已有用户或工作办公室邀请');
    const [takenEmail] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.user.email));
    if (takenEmail) throw userError('CONFLICT', '该邮箱已注册，请直接登录或找回密码');

    const [organization] = await tx.insert(organizations).values(input.organization).returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.user.email, name: input.user.name, mobile: input.user.mobile, passwordHash })
      .returning();
    await tx.insert(memberships).values({ userId: user!.id, organizationId: organization!.id, role: 'applicant' });
    await appendAudit(tx, {
      actorUserId: user!.id,
      action: 'organization.registered',
      entityType: 'organization',
      entityId: organization!.id,
      data: { name: organization!.name, uscc: organization!.uscc },
    });
    return { organizationId: organization!.id, userId: user!.id };
  });
}
