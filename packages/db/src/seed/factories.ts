import type { Role } from '@ssb/domain/roles';
import { makeUscc } from '@ssb/domain/uscc';
import type { DbOrTx } from '../client.ts';
import { hashPassword } from '../password.ts';
import { memberships, organizations, users } from '../schema/index.ts';

type NewOrganization = typeof organizations.$inferInsert;

let sequence = 0;
const nextSeed = () => Date.now() % 100000 * 1000 + sequence++;

/** An organization with valid defaults; tests and the demo seed override what matters to them. */
export async function seedOrganization(db: DbOrTx, overrides: Partial<NewOrganization> = {}) {
  const [row] = await db
    .insert(organizations)
    .values({
      name: `测试单位${sequence}`,
      uscc: makeUscc(nextSeed()),
      type: 'museum',
      districtCode: '110108',
      address: '北京市海淀区中关村南大街1号',
      contactName: '王老师',
      contactPhone: '010-84650077',
      contactEmail: 'contact@example.org',
      ...overrides,
    })
    .returning();
  return row!;
}

export type SeedUserInput = {
  email?: string;
  name?: string;
  password?: string;
  mobile?: string;
  status?: 'active' | 'invited' | 'disabled';
  roles?: Array<{ organizationId: string; role: Role }>;
};

export async function seedUser(db: DbOrTx, input: SeedUserInput = {}) {
  const [user] = await db
    .insert(users)
    .values({
      email: input.email ?? `user${nextSeed()}@example.org`,
      name: input.name ?? '测试用户',
      mobile: input.mobile ?? '13800138000',
      passwordHash: input.password === undefined ? null : await hashPassword(input.password),
      status: input.status ?? 'active',
    })
    .returning();
  for (const grant of input.roles ?? []) {
    await db.insert(memberships).values({ userId: user!.id, ...grant });
  }
  return user!;
}
