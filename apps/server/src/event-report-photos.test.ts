import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { sniffFormat } from '@ssb/media';
import { IDENTIFYING_TEXT, makeTaggedJpeg } from '@ssb/media/testing/fixtures';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

const PDF = Buffer.from('%PDF-1.4 not an image', 'latin1');
const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().replace('Z', '+00:00');
type Photos = { photos: Array<{ key: string; name: string; thumbKey?: string; baseId?: string }>; version: number };

describe('activity-report photos over HTTP', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  let host: ReturnType<typeof createHttpClient>;
  let cohost: ReturnType<typeof createHttpClient>;
  let office: ReturnType<typeof createHttpClient>;
  let eventId: string;
  let hostBaseId: string;
  let photo: Buffer;

  const post = (client: ReturnType<typeof createHttpClient> | null, bytes: Buffer, contentType = 'image/jpeg') =>
    fetch(`${baseUrl}/files/event-reports/${eventId}/photos?name=${encodeURIComponent('现场照片.jpg')}`, {
      method: 'POST',
      headers: { ...(client?.headers() ?? {}), 'content-type': contentType },
      body: new Uint8Array(bytes),
    });

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-rp-')), LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    [host, cohost, office] = [createHttpClient(baseUrl), createHttpClient(baseUrl), createHttpClient(baseUrl)];
    await host.mutate('auth.login', { email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    await cohost.mutate('auth.login', { email: 'base2@demo.ssb.local', password: DEMO_PASSWORD });
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    hostBaseId = (await host.query<Array<{ id: string }>>('bases.mine'))[0]!.id;
    const cohostBaseId = (await cohost.query<Array<{ id: string }>>('bases.mine'))[0]!.id;
    const event = await host.mutate<{ id: string }>('events.create', { baseId: hostBaseId, kind: 'lecture', title: '带照片的活动报告', description: '', startsAt: at(24), endsAt: at(26), place: '报告厅', audiences: ['public'], capacity: 30, bookingInfo: '' });
    eventId = event.id;
    await host.mutate('events.publish', { eventId });
    await host.mutate('events.inviteCohost', { eventId, baseId: cohostBaseId });
    await cohost.mutate('events.respondCohost', { eventId, baseId: cohostBaseId, accept: true });
    // The event took place: it ended an hour ago.
    await database.db.update(schema.baseEvents).set({ startsAt: new Date(Date.now() - 3 * 3600_000), endsAt: new Date(Date.now() - 3600_000) }).where(eq(schema.baseEvents.id, eventId));
    const scratch = mkdtempSync(join(tmpdir(), 'ssb-rp-photo-'));
    photo = readFileSync(await makeTaggedJpeg(join(scratch, 'photo.jpg'), { width: 1600, height: 1200 }));
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('takes photos only from the host’s and co-hosts’ managers, once the report is filed, and refuses wrong bytes', async () => {
    // Without a session (with or without the CSRF pair) nothing is taken.
    expect((await post(null, photo)).status).toBe(403);
    const anonymous = createHttpClient(baseUrl);
    await anonymous.query('events.get', { eventId });
    expect((await post(anonymous, photo)).status).toBe(401);
    const early = await post(host, photo);
    expect(early.status).toBe(422);
    expect((await early.json()).message).toContain('请先由主办方保存活动报告');
    await host.mutate('eventReports.file', { eventId, version: null, attendance: 0, youngPeople: 0, audiences: ['public'], summary: '院士与观众交流科学家精神。', links: [] });

    const pdf = await post(host, PDF, 'application/octet-stream');
    expect(pdf.status).toBe(422);
    expect((await pdf.json()).message).toContain('只能上传 JPEG 或 PNG');
    expect((await post(host, PDF, 'application/pdf')).status).toBe(415);
    const stranger = createHttpClient(baseUrl);
    await stranger.mutate('auth.login', { email: 'applicant@demo.ssb.local', password: DEMO_PASSWORD });
    expect((await post(stranger, photo)).status).toBe(403);
    // Another base's manager, on an event neither hosted nor co-hosted by its base: as if there were none.
    const cohostBaseId = (await cohost.query<Array<{ id: string }>>('bases.mine'))[0]!.id;
    const elsewhere = await cohost.mutate<{ id: string }>('events.create', { baseId: cohostBaseId, kind: 'lecture', title: '别处的活动', description: '', startsAt: at(48), endsAt: at(50), place: '展厅', audiences: [], capacity: null, bookingInfo: '' });
    const notOurs = await fetch(`${baseUrl}/files/event-reports/${elsewhere.id}/photos?name=x.jpg`, { method: 'POST', headers: { ...host.headers(), 'content-type': 'image/jpeg' }, body: new Uint8Array(photo) });
    expect(notOurs.status).toBe(404);

    const accepted = await post(host, photo);
    expect(accepted.status).toBe(200);
    const saved = (await accepted.json()) as Photos;
    expect(saved.photos).toEqual([{ key: expect.stringMatching(/\.jpg$/), name: '现场照片.jpg', baseId: hostBaseId, thumbKey: expect.stringMatching(/-thumb\.jpg$/) }]);
    const fromCohost = (await (await post(cohost, photo)).json()) as Photos;
    expect(fromCohost.photos).toHaveLength(2);
    expect(fromCohost.photos[1]!.baseId).not.toBe(hostBaseId);
    // A co-host may remove only its own photos.
    await expect(cohost.mutate('eventReports.removePhoto', { eventId, key: saved.photos[0]!.key })).rejects.toThrow('联合主办方只能删除本方添加的照片');
    await cohost.mutate('eventReports.removePhoto', { eventId, key: fromCohost.photos[1]!.key });
    expect((await cohost.get(`/files/event-reports/${eventId}/${fromCohost.photos[1]!.key}`)).status).toBe(404);
  });

  it('shows a public report’s photos to anyone, a thumbnail with ?size=thumb, and hides them once the base leaves the register', async () => {
    const { report } = await createHttpClient(baseUrl).query<{ report: { photos: Array<{ key: string; url: string; hasThumb: boolean }> } }>('events.get', { eventId });
    expect(report.photos).toHaveLength(1);
    const { url, hasThumb } = report.photos[0]!;
    expect(hasThumb).toBe(true);
    const visitor = createHttpClient(baseUrl);
    const full = await visitor.get(url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('cache-control')).toBe('public, max-age=3600');
    const fullBytes = Buffer.from(await full.arrayBuffer());
    expect(photo.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(true);
    expect(fullBytes.includes(Buffer.from(IDENTIFYING_TEXT))).toBe(false);

    const thumb = await visitor.get(`${url}?size=thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('etag')).toMatch(/-thumb"$/);
    const bytes = Buffer.from(await thumb.arrayBuffer());
    expect(sniffFormat(bytes.subarray(0, 16))).toBe('jpeg');
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    expect({ height: bytes.readUInt16BE(sof + 5), width: bytes.readUInt16BE(sof + 7) }).toEqual({ height: 360, width: 480 });

    const record = await visitor.query<{ photos: Array<{ eventId: string; url: string }> }>('eventReports.baseRecord', { baseId: hostBaseId });
    expect(record.photos.map((p) => p.url)).toContain(url);

    // A revoked base's reports are no longer public: only its managers and the office still see the photos.
    await database.db.update(schema.bases).set({ status: 'revoked' }).where(eq(schema.bases.id, hostBaseId));
    try {
      expect((await visitor.get(url)).status).toBe(404);
      const own = await host.get(url);
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('private, no-store');
      expect((await office.get(`${url}?size=thumb`)).status).toBe(200);
      expect((await visitor.get(`/files/event-reports/${eventId}/00000000-0000-4000-8000-000000000000.jpg`)).status).toBe(404);
    } finally {
      await database.db.update(schema.bases).set({ status: 'active' }).where(eq(schema.bases.id, hostBaseId));
    }
  });
});
