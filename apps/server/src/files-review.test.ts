import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, schema, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

/** Experts read the photos and videos of the nominations assigned to them, and of no other. */
describe('materials for assigned experts', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let expert: ReturnType<typeof createHttpClient>;
  let assignedMaterial = '';
  let otherMaterial = '';
  let assignmentId = '';
  const scratch = mkdtempSync(join(tmpdir(), 'ssb-files-review-'));

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: scratch, LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    const db = database.db;
    const expertUser = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'expert4@demo.ssb.local') }))!;
    const round = (await db.query.reviewRounds.findFirst({ where: (r, { eq }) => eq(r.kind, 'initial') }))!;
    const [assigned, other] = await db.select().from(schema.applications).where(and(eq(schema.applications.campaignId, round.campaignId), eq(schema.applications.status, 'recommended')));
    // Exactly one assignment for this expert, whatever the demo seed assigned.
    await db.delete(schema.reviewAssignments).where(eq(schema.reviewAssignments.expertUserId, expertUser.id));
    const [row] = await db.insert(schema.reviewAssignments).values({ roundId: round.id, applicationId: assigned!.id, expertUserId: expertUser.id }).returning();
    assignmentId = row!.id;
    for (const [application, set] of [[assigned!, (id: string) => (assignedMaterial = id)], [other!, (id: string) => (otherMaterial = id)]] as const) {
      const material = (await db.query.materials.findFirst({ where: (m, { eq }) => eq(m.applicationId, application.id) }))!;
      // The store moves the file in, so each material gets its own.
      const source = join(scratch, `${material.id}.jpg`);
      writeFileSync(source, Buffer.from('stored bytes'));
      await platform.deps.files.putFile(material.storageKey, source);
      set(material.id);
    }
    expert = createHttpClient(`http://127.0.0.1:${port}`);
    await expert.mutate('auth.login', { email: 'expert4@demo.ssb.local', password: DEMO_PASSWORD });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('serves the assigned nomination’s materials, not another’s, and none after the expert recuses', async () => {
    expect((await expert.get(`/files/materials/${assignedMaterial}`)).status).toBe(200);
    expect((await expert.get(`/files/materials/${otherMaterial}`)).status).toBe(404);
    await expert.mutate('review.declareConflict', { assignmentId, reason: '曾为该馆提供咨询' });
    expect((await expert.get(`/files/materials/${assignedMaterial}`)).status).toBe(404);
  });
});
