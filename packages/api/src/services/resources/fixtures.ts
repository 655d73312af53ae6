import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { seedOrganization, seedReferenceData, seedUser } from '@ssb/db/seed';

let sequence = 0;

/** A named base with its own organization and one base manager, for tests of the shared-resource platform. */
export async function seedManagedBase(db: DbOrTx, overrides: Partial<typeof schema.bases.$inferInsert> = {}) {
  const n = ++sequence;
  const organization = await seedOrganization(db, { name: `测试基地单位${n}` });
  const manager = await seedUser(db, { name: `管理员${n}`, roles: [{ organizationId: organization.id, role: 'base_manager' }] });
  const [base] = await db
    .insert(schema.bases)
    .values({
      number: `测试-${Date.now()}-${n}`,
      organizationId: organization.id,
      name: `测试基地${n}`,
      batchYear: 2022,
      category: '科技馆',
      districtCode: '110108',
      namedOn: '2022-05-30',
      validUntil: '2027-05-29',
      openingHours: [2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
      ...overrides,
    })
    .returning();
  return { base: base!, manager, organization };
}

export const ensureReferenceData = async (db: DbOrTx) => {
  const existing = await db.select().from(schema.districts).limit(1);
  if (existing.length === 0) await seedReferenceData(db);
};

export const EXHIBIT_FIELDS = {
  type: 'exhibit' as const,
  title: '地质罗盘与野外记录本',
  descriptionHtml: '<p>二十世纪五十年代地质调查队员使用的罗盘与野外记录本，记录了西山一带的岩层观测。</p>',
  scientists: ['李四光'],
  elements: ['truth_seeking', 'dedication'],
  audiences: ['secondary' as const, 'public' as const],
  lendable: true,
  lendingTerms: '借用方负责往返运输与保险，展期不超过 30 天。',
};
