import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { seedOrganization, seedReferenceData, seedUser } from '@ssb/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_PREFIX } from './open-data-openapi.ts';
import { OPEN_DATA_COMPONENTS } from './open-data-schemas.ts';
import { createServer } from './server.ts';

describe('open data: /alliances', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let ids: { approved: string; lead: string; leadOrg: string; unit: string; invitedOrg: string };

  beforeAll(async () => {
    database = createDatabase({});
    await database.migrate();
    const db = database.db;
    await seedReferenceData(db);
    const [leadOrg, invitedOrg, unit] = [await seedOrganization(db, { name: '联盟牵头单位' }), await seedOrganization(db, { name: '被邀请单位' }), await seedOrganization(db, { name: '培育单位' })];
    const proposer = await seedUser(db);
    const [lead, invited] = await db
      .insert(schema.bases)
      .values([
        { number: '京科精基地-2022-951', organizationId: leadOrg.id, name: '牵头基地（演示）', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' },
        { number: '京科精基地-2022-952', organizationId: invitedOrg.id, name: '受邀基地（演示）', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29' },
      ])
      .returning();
    const [approved, pending] = await db
      .insert(schema.alliances)
      .values([
        { name: '开放数据测试联盟', kind: 'regional', districtCodes: ['110108'], leadBaseId: lead!.id, status: 'approved', proposedBy: proposer.id, coordinatorUserId: proposer.id },
        { name: '尚未批准的联盟', kind: 'thematic', theme: '航天', leadBaseId: lead!.id, status: 'submitted', proposedBy: proposer.id },
      ])
      .returning();
    await db.insert(schema.allianceMembers).values([
      { allianceId: approved!.id, organizationId: leadOrg.id, baseId: lead!.id, role: 'lead', status: 'active' },
      { allianceId: approved!.id, organizationId: invitedOrg.id, baseId: invited!.id, role: 'member', status: 'invited' },
      { allianceId: approved!.id, organizationId: unit.id, baseId: null, role: 'mentored', status: 'active', mentorBaseId: lead!.id, targetBatchYear: 2027 },
      { allianceId: pending!.id, organizationId: leadOrg.id, baseId: lead!.id, role: 'lead', status: 'active' },
    ]);
    ids = { approved: approved!.id, lead: lead!.id, leadOrg: leadOrg.id, unit: unit.id, invitedOrg: invitedOrg.id };
    platform = await createServer({ database, env: { LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: false } });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('lists approved alliances only, with their active members (a mentored unit has no base id), readable from other sites', async () => {
    const response = await platform.server.inject({ method: 'GET', url: `${OPEN_DATA_PREFIX}/alliances` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const { items } = response.json() as { items: Array<{ id: string; name: string; kind: string; leadBaseId: string; members: unknown[] }> };
    expect(OPEN_DATA_COMPONENTS.AllianceList!.safeParse(response.json()).success).toBe(true);
    expect(items.map((a) => a.name)).toEqual(['开放数据测试联盟']);
    expect(items[0]).toMatchObject({ id: ids.approved, kind: 'regional', leadBaseId: ids.lead });
    expect(items[0]!.members).toEqual(
      expect.arrayContaining([
        { organizationId: ids.leadOrg, baseId: ids.lead, role: 'lead' },
        { organizationId: ids.unit, baseId: null, role: 'mentored' },
      ]),
    );
    expect(items[0]!.members).toHaveLength(2);
  });
});
