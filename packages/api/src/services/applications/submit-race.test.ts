import { schema } from '@ssb/db';
import { seedDemo, seedMaterials, seedOrganization, seedUser } from '@ssb/db/seed';
import { validateApplication } from '@ssb/domain/application-form';
import { completeApplicationData } from '@ssb/domain/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PGlite runs one statement at a time on one connection, so the race only exists on real PostgreSQL.
describe.skipIf(!process.env.TEST_DATABASE_URL)('submit racing an autosave on PostgreSQL (set TEST_DATABASE_URL; PGlite cannot interleave them)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('postgres');
    await seedDemo(api.db);
  });
  afterAll(() => api?.close());

  it('never leaves a submitted application holding data other than the complete version it validated', async () => {
    const campaign = (await (await api.anonymous()).campaigns.current())!;
    const body = (await api.db.query.recommendingBodies.findFirst({ where: (b, { eq }) => eq(b.code, 'bast') }))!;
    const count = 40;
    const orgs = await Promise.all(Array.from({ length: count }, (_, i) => seedOrganization(api.db, { name: `竞态单位${i}` })));
    const user = await seedUser(api.db, { roles: orgs.map((o) => ({ organizationId: o.id, role: 'applicant' as const })) });
    const rows = await api.db
      .insert(schema.applications)
      .values(orgs.map((o) => ({ campaignId: campaign.id, organizationId: o.id, recommendingBodyId: body.id, status: 'draft' as const, data: completeApplicationData({ uscc: o.uscc }) })))
      .returning();
    for (const row of rows) await seedMaterials(api.db, row.id);
    const callers = await Promise.all(Array.from({ length: 8 }, () => api.as(user.id)));

    // Each pair: a submit, and an autosave emptying most of the form 0–20 ms later, from the version both read.
    const outcomes = await Promise.all(
      rows.map(async (row, i) => {
        const caller = callers[i % callers.length]!;
        const [submit, save] = await Promise.allSettled([
          caller.applications.submit({ applicationId: row.id }),
          sleep(i % 21).then(() => caller.applications.saveDraft({ applicationId: row.id, version: row.version, data: { baseName: '只剩名称' } })),
        ]);
        return { submit: submit.status, save: save.status };
      }),
    );

    const stored = await api.db.select().from(schema.applications).where(inArray(schema.applications.id, rows.map((r) => r.id)));
    const fields = campaign.formFields;
    for (const application of stored) {
      if (application.status === 'submitted') {
        expect(validateApplication(fields, application.data, campaign)).toEqual([]);
        expect(application.data).toEqual(rows.find((r) => r.id === application.id)!.data);
      } else {
        expect(application).toMatchObject({ status: 'draft', data: { baseName: '只剩名称' } });
      }
    }
    // Exactly one of each pair wins: a submitted form refuses the late save, a saved draft refuses the submit.
    expect(outcomes.every((o) => (o.submit === 'fulfilled') !== (o.save === 'fulfilled'))).toBe(true);
  }, 60_000);
});
