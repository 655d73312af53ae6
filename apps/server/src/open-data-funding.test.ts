import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { seedOrganization, seedReferenceData, seedUser } from '@ssb/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_PREFIX } from './open-data-openapi.ts';
import { OPEN_DATA_COMPONENTS } from './open-data-schemas.ts';
import { createServer } from './server.ts';

describe('open data: /funding', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let callId: string;

  beforeAll(async () => {
    database = createDatabase({});
    await database.migrate();
    const db = database.db;
    await seedReferenceData(db);
    const org = await seedOrganization(db, { name: '资助测试单位' });
    const user = await seedUser(db);
    const [base] = await db
      .insert(schema.bases)
      .values({ number: '京科精基地-2022-961', organizationId: org.id, name: '资助测试基地', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' })
      .returning();
    const common = { year: 2026, kinds: ['activity' as const], opensAt: new Date('2026-03-01T00:00:00+08:00'), closesAt: new Date('2026-04-01T00:00:00+08:00'), categories: ['业务费'], criteria: [] };
    const [call] = await db.insert(schema.fundingCalls).values({ ...common, title: '公开的专项通知', poolFen: 10_000_001, maxPerProjectFen: 5_000_000, status: 'open' }).returning();
    await db.insert(schema.fundingCalls).values({ ...common, title: '未发布的通知', poolFen: 100, maxPerProjectFen: 100, status: 'draft' });
    const [funded, refused] = await db
      .insert(schema.fundingApplications)
      .values([
        { callId: call!.id, baseId: base!.id, organizationId: org.id, kind: 'activity', title: '=科学家故事会, "第二季"', status: 'agreement_confirmed', requestedFen: 300_000, awardFen: 250_001, createdBy: user.id },
        { callId: call!.id, baseId: base!.id, organizationId: org.id, kind: 'activity', title: '未获资助的项目', status: 'refused', requestedFen: 100, createdBy: user.id },
      ])
      .returning();
    await db.insert(schema.fundingLedgerEntries).values([
      { callId: call!.id, applicationId: funded!.id, kind: 'commitment', amountFen: 250_001, occurredOn: '2026-04-10' },
      { callId: call!.id, applicationId: funded!.id, kind: 'disbursement', amountFen: 175_000, occurredOn: '2026-04-20', voucherNo: 'PZ-1' },
    ]);
    void refused;
    callId = call!.id;
    platform = await createServer({ database, env: { LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: false } });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('lists published calls with pool, committed, disbursed and available as yuan with two decimals', async () => {
    const response = await platform.server.inject({ method: 'GET', url: `${OPEN_DATA_PREFIX}/funding/calls` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(OPEN_DATA_COMPONENTS.FundingCallList!.safeParse(response.json()).success).toBe(true);
    expect(response.json()).toEqual({ items: [{ id: callId, title: '公开的专项通知', year: 2026, pool: '100000.01', committed: '2500.01', disbursed: '1750.00', available: '97500.00' }] });
  });

  it('gives the funded projects as CSV, refused ones left out, cells safe for spreadsheets', async () => {
    const response = await platform.server.inject({ method: 'GET', url: `${OPEN_DATA_PREFIX}/funding/awards.csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual(['project,base,call,year,amount_awarded,status', `"'=科学家故事会, ""第二季""",资助测试基地,公开的专项通知,2026,2500.01,执行中`]);
  });
});
