import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { bases, users } from '../schema/index.ts';
import { seedUser } from './factories.ts';

/**
 * The re-application (复核/重新申报) demo: 京科精基地-2022-001, named on 2022-05-30 and valid until 2027-05-29,
 * lies inside the open demo campaign's re-application window (terms ending by the end of the year after it).
 * Its unit gets an account that is both an applicant and a base manager, so the 重新申报 button on its
 * portal home works; the 12/6/3-month reminder itself is sent by the server's reminder job on start, as
 * for any base. Does nothing once the account exists.
 */
export async function seedDemoRenewal(db: DbOrTx, password: string) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'renewal@demo.ssb.local'));
  if (existing) return;
  const [base] = await db.select({ organizationId: bases.organizationId }).from(bases).where(eq(bases.number, '京科精基地-2022-001'));
  if (!base) return;
  await seedUser(db, {
    email: 'renewal@demo.ssb.local',
    name: '冯复核',
    password,
    roles: [
      { organizationId: base.organizationId, role: 'applicant' },
      { organizationId: base.organizationId, role: 'base_manager' },
    ],
  });
}
