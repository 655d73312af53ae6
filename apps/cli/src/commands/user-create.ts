import { randomInt } from 'node:crypto';
import { hashPassword, schema } from '@ssb/db';
import { ZEmail, ZMobile, ZPassword, ZPersonName, ZUscc } from '@ssb/domain/accounts';
import { ROLE_LABELS, ROLES, type Role } from '@ssb/domain/roles';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { CliError, parse, UsageError, withDatabase, type Command } from '../cli.ts';

const { memberships, organizations, users } = schema;

/** No 0/O, 1/l/I: the password may be read aloud or copied by hand. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 4 groups of 5 from 57 symbols ≈ 117 bits, e.g. "k7Qx2-…"; always has a letter and a digit. */
export function generatePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if (ZPassword.safeParse(password).success) return password;
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${flag}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

export const userCreate: Command = {
  name: 'user:create',
  summary: '创建启用状态的用户及其角色 / create an active user with a role in an organization',
  usage: [
    'user:create --email E --name N --role R --organization <统一社会信用代码 USCC | organization id> [--password P] [--mobile M]',
    `  roles: ${ROLES.join(', ')}`,
    '  Without --password a strong password is generated and printed once.',
  ].join('\n'),
  async run(argv, ctx) {
    const { values } = parse(argv, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      organization: { type: 'string' },
      password: { type: 'string' },
      mobile: { type: 'string' },
    });
    for (const flag of ['email', 'name', 'role', 'organization'] as const) {
      if (!values[flag]) throw new UsageError(`缺少 --${flag} / --${flag} is required`);
    }
    const email = check(ZEmail, values.email, 'email');
    const name = check(ZPersonName, values.name, 'name');
    const role = check(z.enum(ROLES, { error: `角色应为 role must be one of: ${ROLES.join(', ')}` }), values.role, 'role') as Role;
    const mobile = values.mobile === undefined ? null : check(ZMobile, values.mobile, 'mobile');
    const generated = values.password === undefined;
    const password = generated ? generatePassword() : check(ZPassword, values.password, 'password');
    const orgRef = values.organization!.trim();
    const byId = z.uuid().safeParse(orgRef).success;
    const uscc = byId ? null : check(ZUscc, orgRef, 'organization');

    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    const { appendAudit } = await import('@ssb/api'); // the whole API: load it only when needed
    const passwordHash = await hashPassword(password);
    const created = await withDatabase(ctx, async ({ db }) => {
      return db.transaction(async (tx) => {
        const [organization] = await tx
          .select()
          .from(organizations)
          .where(byId ? eq(organizations.id, orgRef) : eq(organizations.uscc, uscc!));
        if (!organization) {
          throw new CliError(`找不到单位 / no organization with ${byId ? 'id' : '统一社会信用代码 USCC'} ${byId ? orgRef : uscc}`);
        }
        const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) throw new CliError(`该邮箱已有用户 / a user with email ${email} already exists (${existing.id})`);
        const [user] = await tx.insert(users).values({ email, name, mobile, passwordHash, status: 'active' }).returning();
        await tx.insert(memberships).values({ userId: user!.id, organizationId: organization.id, role });
        await appendAudit(tx, {
          actorUserId: null,
          action: 'user.created',
          entityType: 'user',
          entityId: user!.id,
          data: { email, organizationId: organization.id, role, via: 'cli' },
        });
        return { user: user!, organization };
      });
    });
    ctx.out(`已创建用户 / user created: ${created.user.email} (${created.user.id})`);
    ctx.out(`  角色 role: ${role} ${ROLE_LABELS[role].zh}   单位 organization: ${created.organization.name} (${created.organization.uscc})`);
    if (generated) {
      ctx.out(`  初始密码 password (shown once, 仅显示一次): ${password}`);
    }
  },
};
