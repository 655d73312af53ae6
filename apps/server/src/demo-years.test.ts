import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, schema } from '@ssb/db';
import { DEMO_2022_NOTICE_TITLE } from '@ssb/db/seed';
import { createTestDatabase, TEST_ENGINES } from '@ssb/db/testing';
import { MEDIA_RULES } from '@ssb/domain/media';
import { checkPhoto, checkVideo } from '@ssb/media';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { injectSession } from './testing/inject-session.ts';

type Platform = Awaited<ReturnType<typeof createServer>>;
type Intake = { total: number; counts: Record<string, number>; items: Array<{ id: string; baseName: string; intake: { status: string } }> };

/**
 * The demo as `pnpm start` leaves it: 2022 finished and consistent (every file through intake, scored,
 * on the closed 公示, named as the register says, with files that open), the open year live.
 */
describe.each(TEST_ENGINES)('the demo years on a fresh start on %s', (engine) => {
  let platform: Platform;
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-demo-years-'));
  let year2022 = '';
  let openYear = '';
  let office: Awaited<ReturnType<typeof injectSession>>;
  const query = async <T,>(session: { headers: Record<string, string> }, path: string, input: unknown) => {
    const response = await platform.server.inject({ url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, headers: session.headers });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { result: { data: T } }).result.data;
  };

  beforeAll(async () => {
    const database = engine === 'pglite' ? createDatabase({}) : await createTestDatabase('postgres');
    platform = await createServer({ database, env: { DATA_DIR: scratch, LOG_LEVEL: 'silent', SERVE_APPS: false, SEED_DEMO: true } });
    const campaigns = await platform.database.db.select().from(schema.campaigns);
    year2022 = campaigns.find((c) => c.year === 2022)!.id;
    openYear = campaigns.find((c) => c.isDemo)!.id;
    office = await injectSession(platform.server, 'office@demo.ssb.local');
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await platform?.database.close();
  });

  it('2022: every nomination accepted at intake, scored by three experts in a closed round, on the closed notice, named as in the register', async () => {
    const intake = await query<Intake>(office, 'intake.list', { campaignId: year2022, page: 1, pageSize: 50 });
    expect(intake.total).toBe(6);
    expect(intake.items.every((i) => i.intake.status === 'accepted')).toBe(true);
    expect(intake.counts.pending ?? 0).toBe(0);

    const { db } = platform.database;
    const rounds = await db.select().from(schema.reviewRounds).where(eq(schema.reviewRounds.campaignId, year2022));
    expect(rounds.map((r) => r.status)).toEqual(['closed']);
    const sheets = await db.select().from(schema.reviewAssignments).where(eq(schema.reviewAssignments.roundId, rounds[0]!.id));
    for (const item of intake.items) {
      const own = sheets.filter((s) => s.applicationId === item.id);
      expect(own.map((s) => s.status)).toEqual(['submitted', 'submitted', 'submitted']);
      expect(own.every((s) => typeof s.weightedTotal === 'number' && s.weightedTotal >= 80)).toBe(true);
    }

    const notices = await db.select().from(schema.publicNotices).where(eq(schema.publicNotices.campaignId, year2022));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: DEMO_2022_NOTICE_TITLE, status: 'closed' });
    expect(new Set(notices[0]!.applicationIds)).toEqual(new Set(intake.items.map((i) => i.id)));
    const publicList = await platform.server.inject('/trpc/notices.publicList');
    expect(publicList.body).toContain(DEMO_2022_NOTICE_TITLE);

    const named = await db.select().from(schema.selectionDecisions).where(eq(schema.selectionDecisions.campaignId, year2022));
    expect(named.map((d) => d.outcome)).toEqual(Array(6).fill('named'));
    const register = await db.select().from(schema.bases).where(eq(schema.bases.batchYear, 2022));
    expect(register).toHaveLength(6);
    expect(new Set(register.map((b) => b.applicationId))).toEqual(new Set(named.map((d) => d.applicationId)));

    // Paper copies received and matching: the checklist has nothing left to block.
    const receipts = await db.select().from(schema.paperReceipts);
    const codes = receipts.filter((r) => intake.items.some((i) => i.id === r.applicationId));
    expect(codes).toHaveLength(6);
    expect(codes.every((r) => /^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(r.code))).toBe(true);
  });

  // Strips three 2 MB photos, makes a thumbnail and renders the 申报表 for the zip: slow on a busy machine.
  it('2022: the materials are real files — photos of at least 2 MB, a video that passes the checks, a full materials.zip', { timeout: 120_000 }, async () => {
    const { db } = platform.database;
    const [first] = await db.select({ id: schema.applications.id }).from(schema.applications).where(eq(schema.applications.campaignId, year2022)).limit(1);
    const materials = await db.select().from(schema.materials).where(eq(schema.materials.applicationId, first!.id));
    expect(materials.map((m) => m.kind).sort()).toEqual(['photo', 'photo', 'photo', 'video']);
    for (const m of materials) {
      const path = platform.deps.files.localPath(m.storageKey)!;
      const check = m.kind === 'photo' ? await checkPhoto(path) : await checkVideo(path);
      expect(check.errors).toEqual([]);
      if (m.kind === 'photo') expect(m.bytes).toBeGreaterThanOrEqual(MEDIA_RULES.photo.minBytes);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.sha256).not.toBe('0'.repeat(64));
    }
    const photo = materials.find((m) => m.kind === 'photo')!;
    const full = await platform.server.inject({ url: `/files/materials/${photo.id}`, headers: office.headers });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const thumb = await platform.server.inject({ url: `/files/materials/${photo.id}?size=thumb`, headers: office.headers });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length);
    const video = materials.find((m) => m.kind === 'video')!;
    const ranged = await platform.server.inject({ url: `/files/materials/${video.id}`, headers: { ...office.headers, range: 'bytes=0-1023' } });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-type']).toBe('video/mp4');

    const zip = await platform.server.inject({ url: `/files/applications/${first!.id}/materials.zip`, headers: { ...office.headers, 'sec-fetch-site': 'same-origin' } });
    expect(zip.statusCode).toBe(200);
    const file = join(scratch, 'demo-2022.zip');
    writeFileSync(file, zip.rawPayload);
    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    expect(names.filter((n) => n.endsWith('.jpg'))).toHaveLength(3);
    expect(names.filter((n) => n.endsWith('.mp4'))).toHaveLength(1);
    expect(names.some((n) => n.endsWith('-申报表.pdf'))).toBe(true);
    expect(names).not.toContain('缺失材料说明.txt');
  });

  it('the open year is live: files waiting at intake, a duplicate, and score sheets waiting for expert@', async () => {
    const intake = await query<Intake>(office, 'intake.list', { campaignId: openYear, page: 1, pageSize: 50 });
    expect(intake.counts.pending).toBeGreaterThanOrEqual(3);
    expect(intake.counts.accepted).toBe(2);
    const { db } = platform.database;
    const [expert] = await db.select().from(schema.users).where(eq(schema.users.email, 'expert@demo.ssb.local'));
    const waiting = await db
      .select({ id: schema.reviewAssignments.id })
      .from(schema.reviewAssignments)
      .innerJoin(schema.reviewRounds, eq(schema.reviewRounds.id, schema.reviewAssignments.roundId))
      .where(and(eq(schema.reviewRounds.campaignId, openYear), eq(schema.reviewRounds.status, 'open'), eq(schema.reviewAssignments.expertUserId, expert!.id), eq(schema.reviewAssignments.status, 'assigned')));
    expect(waiting.length).toBeGreaterThan(0);
    // The open year's materials open too.
    const [material] = await db.select().from(schema.materials).innerJoin(schema.applications, eq(schema.applications.id, schema.materials.applicationId)).where(eq(schema.applications.campaignId, openYear)).limit(1);
    expect(await platform.deps.files.size(material!.materials.storageKey)).toBe(material!.materials.bytes);
  });
});
