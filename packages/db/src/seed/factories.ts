import type { Role } from '@ssb/domain/roles';
import { makeUscc } from '@ssb/domain/uscc';
import type { DbOrTx } from '../client.ts';
import { hashPassword } from '../password.ts';
import { materials, memberships, organizations, users } from '../schema/index.ts';

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

/**
 * Rows for materials that already passed their checks (3 photos, 1 video), for tests of what comes
 * after an upload; the upload path itself is tested with real files.
 */
export async function seedMaterials(db: DbOrTx, applicationId: string, counts = { photo: 3, video: 1 }) {
  const rows = [
    ...Array.from({ length: counts.photo }, (_, i) => ({ kind: 'photo' as const, format: 'jpeg', i, width: 2400, height: 1800, durationSeconds: null })),
    ...Array.from({ length: counts.video }, (_, i) => ({ kind: 'video' as const, format: 'mp4', i, width: 1920, height: 1080, durationSeconds: 60 })),
  ];
  if (rows.length === 0) return;
  await db.insert(materials).values(
    rows.map((r) => ({
      applicationId,
      kind: r.kind,
      format: r.format,
      originalName: `${r.kind}${r.i + 1}.${r.format === 'jpeg' ? 'jpg' : r.format}`,
      storageKey: `seed/${applicationId}/${r.kind}-${r.i + 1}-${sequence++}`,
      bytes: r.kind === 'photo' ? 2_500_000 : 40_000_000,
      sha256: '0'.repeat(64),
      width: r.width,
      height: r.height,
      durationSeconds: r.durationSeconds,
      sortOrder: r.i + 1,
    })),
  );
}
