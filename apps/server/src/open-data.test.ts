import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { seedOrganization, seedReferenceData } from '@ssb/db/seed';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_OPENAPI, OPEN_DATA_PREFIX } from './open-data-openapi.ts';
import { OPEN_DATA_ROUTES } from './open-data.ts';
import { OPEN_DATA_COMPONENTS } from './open-data-schemas.ts';
import { createServer } from './server.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;

/** "/bases/:id" → "/bases/{id}", as the OpenAPI document writes paths. */
const asOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('open data API', () => {
  let database: DatabaseHandle;
  let platform: Platform;
  let ids: { base: string; resource: string; draft: string; revokedBase: string; event: string; cancelledEvent: string };

  beforeAll(async () => {
    database = createDatabase({});
    await database.migrate();
    const db = database.db;
    await seedReferenceData(db);
    const organization = await seedOrganization(db, { name: '开放数据测试单位' });
    const [base, revoked] = await db
      .insert(schema.bases)
      .values([
        { number: '京科精基地-2022-901', organizationId: organization.id, name: '星河科技馆（演示）', batchYear: 2022, category: '科技馆', districtCode: '110108', namedOn: '2022-05-30', validUntil: '2027-05-29', isDemo: true, address: '北京市海淀区示例路 9 号', openingHours: [{ weekday: 2, opens: '09:00', closes: '17:00' }] },
        { number: '京科精基地-2022-902', organizationId: organization.id, name: '已撤销基地（演示）', batchYear: 2022, category: '其他', districtCode: '110105', namedOn: '2022-05-30', validUntil: '2027-05-29', status: 'revoked', isDemo: true },
      ])
      .returning();
    const [published, draft] = await db
      .insert(schema.resources)
      .values([
        { baseId: base!.id, type: 'exhibit', title: '=危险公式，罗盘（演示）', descriptionHtml: '<p>说明</p>', descriptionText: '说明', status: 'published', publishedAt: new Date(), isDemo: true, elements: ['innovation'], audiences: ['public'], media: [{ key: '00000000-0000-4000-8000-0000000000c1.jpg', kind: 'image', name: '罗盘' }] },
        { baseId: base!.id, type: 'lecture', title: '草稿讲座', status: 'draft' },
      ])
      .returning();
    const soon = Math.ceil(Date.now() / 60_000) * 60_000 + 7 * 86400_000;
    const [event, cancelled] = await db
      .insert(schema.baseEvents)
      .values([
        { baseId: base!.id, kind: 'lecture', title: '星空下的科学家故事, 第一讲；（演示）', description: '第一行\n第二行', startsAt: new Date(soon), endsAt: new Date(soon + 2 * 3600_000), place: '星河科技馆一层报告厅，海淀区示例路 9 号', capacity: 30, registrationEnabled: true, status: 'published', publishedAt: new Date(), isDemo: true },
        { baseId: base!.id, kind: 'open_day', title: '取消的开放日（演示）', startsAt: new Date(soon + 86400_000), endsAt: new Date(soon + 90000_000), place: '馆内', status: 'cancelled', cancelReason: '检修', publishedAt: new Date(), isDemo: true },
        { baseId: revoked!.id, kind: 'lecture', title: '撤销基地的活动', startsAt: new Date(soon), endsAt: new Date(soon + 3600_000), status: 'published', publishedAt: new Date() },
      ])
      .returning();
    ids = { base: base!.id, resource: published!.id, draft: draft!.id, revokedBase: revoked!.id, event: event!.id, cancelledEvent: cancelled!.id };
    platform = await createServer({ database, env: { LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: false } });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  const get = (path: string) => platform.server.inject({ method: 'GET', url: `${OPEN_DATA_PREFIX}${path}` });
  const idFor = (path: string) => (path.startsWith('/bases') ? ids.base : path.startsWith('/events') ? ids.event : ids.resource);
  const exampleUrl = (path: string) => path.replace('{id}', idFor(path)).replace(':id', idFor(path));

  it('answers every path of its OpenAPI document, and documents every open route', async () => {
    const documented = Object.keys(OPEN_DATA_OPENAPI.paths);
    for (const path of documented) {
      const response = await get(exampleUrl(path));
      expect(response.statusCode, path).toBe(200);
    }
    expect(OPEN_DATA_ROUTES.map((r) => asOpenApiPath(r.path)).sort()).toEqual([...documented].sort());
    const served = (await get('/openapi.json')).json();
    expect(served.openapi).toBe('3.1.0');
    expect(served.servers[0].url).toBe(OPEN_DATA_PREFIX);
  });

  it('answers exactly what the document says: each JSON answer parses with the strict schema its path names', async () => {
    type Operation = { parameters?: Array<{ name: string }>; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
    const paths = OPEN_DATA_OPENAPI.paths as unknown as Record<string, { get: Operation }>;
    let checked = 0;
    for (const [path, { get: operation }] of Object.entries(paths)) {
      const ref = operation.responses['200']?.content?.['application/json']?.schema?.$ref;
      if (!ref) continue;
      const name = ref.replace('#/components/schemas/', '');
      const answer = (await get(exampleUrl(path))).json();
      const parsed = OPEN_DATA_COMPONENTS[name]!.safeParse(answer);
      expect(parsed.success, `${path} → ${name}: ${parsed.error?.message}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    // The documented queries are the ones the routes read, generated from the same schemas.
    expect(paths['/resources']!.get.parameters!.map((p) => p.name)).toEqual(['page', 'pageSize', 'baseId', 'type']);
    expect(paths['/events']!.get.parameters!.map((p) => p.name)).toEqual(['page', 'pageSize', 'base', 'alliance', 'campaign', 'district']);
    const served = (await get('/openapi.json')).json();
    expect(Object.keys(served.components.schemas)).toEqual(expect.arrayContaining(['Base', 'Resource', 'ResourceDetail', 'Event', 'Alliance', 'Error', 'BasePage']));
    expect(served.components.schemas.Event.properties.capacity.description).toBe('null 表示不限名额');
    expect(JSON.stringify(served)).not.toContain('$schema');
    // Errors answer with the documented shape too.
    expect(OPEN_DATA_COMPONENTS.Error!.safeParse((await get('/resources?type=unknown')).json()).success).toBe(true);
  });

  it('lists the register and published resources only, paginated, readable from other sites', async () => {
    const bases = await get('/bases?page=1&pageSize=10');
    expect(bases.headers['access-control-allow-origin']).toBe('*');
    expect(bases.json()).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ id: ids.base, districtName: '海淀区', isDemo: true }] });
    const resources = (await get('/resources')).json();
    expect(resources.items.map((r: { id: string }) => r.id)).toEqual([ids.resource]);
    expect(resources.items[0].media).toEqual([{ kind: 'image', name: '罗盘', url: expect.stringMatching(new RegExp(`^https?://[^/]+/files/resources/${ids.resource}/00000000-0000-4000-8000-0000000000c1\\.jpg$`)) }]);
    expect((await get(`/resources/${ids.resource}`)).json().media[0].url).toBe(resources.items[0].media[0].url);
    expect((await get(`/resources?type=lecture`)).json().total).toBe(0);
    expect((await get(`/resources/${ids.draft}`)).statusCode).toBe(404);
    expect((await get(`/bases/${ids.revokedBase}`)).statusCode).toBe(404);
    expect((await get('/bases/not-a-uuid')).statusCode).toBe(404);
    const bad = await get('/bases?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect((await get('/resources?type=unknown')).statusCode).toBe(400);
  });

  it('gives CSV with a UTF-8 BOM, Chinese headers, and formulas defused', async () => {
    const response = await get('/resources.csv');
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.rawPayload.toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body).toContain('标题,类型,所属基地');
    expect(body).toContain("'=危险公式，罗盘（演示）");
    expect(body).not.toContain('草稿讲座');
    expect(body).toMatch(new RegExp(`/files/resources/${ids.resource}/00000000-0000-4000-8000-0000000000c1\\.jpg`));
    const bases = (await get('/bases.csv')).rawPayload.toString('utf8');
    expect(bases).toContain('星河科技馆（演示）');
    expect(bases).toContain('周二 09:00-17:00');
    expect(bases).not.toContain('已撤销基地');
  });

  it('lists events with seat counts, and gives iCalendar feeds a calendar parser reads: UID, URL, UTC times, place, STATUS:CANCELLED, filters', async () => {
    const list = (await get('/events')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([ids.event, ids.cancelledEvent]);
    expect(list.items[0]).toMatchObject({ capacity: 30, confirmedSeats: 0, waitlistedSeats: 0, registrationOpen: true, status: 'published', allianceId: null, campaignId: null, baseId: ids.base });
    expect((await get(`/events?district=110105`)).json().total).toBe(0);
    expect((await get(`/events?district=nowhere`)).statusCode).toBe(400);

    const feed = await get('/events.ics');
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const host = new URL(String(list.items[0].url)).host;
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((v) => v.getFirstPropertyValue('uid'))).toEqual([`${ids.event}@${host}`, `${ids.cancelledEvent}@${host}`]);
    const first = new ICAL.Event(events[0]!);
    expect(first.summary).toBe('星空下的科学家故事, 第一讲；（演示）');
    expect(first.location).toBe('星河科技馆一层报告厅，海淀区示例路 9 号');
    expect(first.startDate.toJSDate().getTime()).toBe(Date.parse(list.items[0].startsAt));
    expect(String(events[0]!.getFirstPropertyValue('url'))).toMatch(new RegExp(`/events/${ids.event}$`));
    expect(events[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');

    const one = await get(`/events/${ids.event}/calendar.ics`);
    expect(new ICAL.Component(ICAL.parse(one.body)).getAllSubcomponents('vevent')).toHaveLength(1);
    expect((await get(`/events/${ids.draft}/calendar.ics`)).statusCode).toBe(404);
    const other = new ICAL.Component(ICAL.parse((await get(`/events.ics?base=${ids.revokedBase}`)).body));
    expect(other.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});
