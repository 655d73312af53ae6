import { completeApplicationData } from '@ssb/domain/testing';
import { makeUscc } from '@ssb/domain/uscc';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { seedMaterials, seedOrganization } from '@ssb/db/seed';
import { eq } from 'drizzle-orm';

let next = 0;

/**
 * A nomination ready for review, for tests: its own unit, recommended by the body with this code,
 * accepted at intake (the intake check row is written directly, as the intake pages would).
 */
export async function seedAcceptedNomination(db: DbOrTx, input: { campaignId: string; bodyCode: string; organizationId?: string; baseName?: string }) {
  const n = ++next;
  const uscc = makeUscc(9_000_000 + n * 7919);
  const organization = input.organizationId
    ? (await db.select().from(schema.organizations).where(eq(schema.organizations.id, input.organizationId)))[0]!
    : await seedOrganization(db, { name: `评审测试单位${n}号馆`, uscc, contactPhone: `010-8800${String(n).padStart(4, '0')}`, contactEmail: `unit${n}@review.test`, address: `北京市测试路${n}号` });
  const [body] = await db.select().from(schema.recommendingBodies).where(eq(schema.recommendingBodies.code, input.bodyCode));
  const [application] = await db
    .insert(schema.applications)
    .values({
      campaignId: input.campaignId,
      organizationId: organization.id,
      recommendingBodyId: body!.id,
      status: 'recommended',
      recommendedAt: new Date(),
      data: completeApplicationData({
        baseName: input.baseName ?? `${organization.name}科学家精神馆`,
        hostUnit: organization.name,
        uscc: organization.uscc,
        contactPhone: organization.contactPhone,
        contactEmail: organization.contactEmail,
        address: organization.address,
      }),
    })
    .returning();
  await db.insert(schema.intakeChecks).values({ applicationId: application!.id, status: 'accepted' });
  await seedMaterials(db, application!.id, { photo: 3, video: 1 });
  return { application: application!, organization, body: body! };
}

/**
 * A campaign of the test's own, with no nominations and no round yet: the demo's open campaign already
 * has its first round and nominations, which a test of rounds and assignment must not count.
 */
export async function seedEmptyCampaign(db: DbOrTx, year = 2031) {
  const [campaign] = await db
    .insert(schema.campaigns)
    .values({
      year,
      title: `${year} 年度（测试）`,
      isDemo: true,
      phases: [
        { key: 'application', startsAt: `${year}-03-01T00:00:00+08:00`, endsAt: `${year}-04-01T00:00:00+08:00` },
        { key: 'recommendation', startsAt: `${year}-04-01T00:00:00+08:00`, endsAt: `${year}-05-01T00:00:00+08:00` },
      ],
    })
    .returning();
  return campaign!.id;
}
