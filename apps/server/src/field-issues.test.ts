import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@ssb/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { injectSession } from './testing/inject-session.ts';

/** A service's refusal names the fields at fault over HTTP, as a schema's does, so the page marks each field. */
describe('field issues from services', () => {
  let platform: Awaited<ReturnType<typeof createServer>>;
  let database: ReturnType<typeof createDatabase>;
  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-issues-')), LOG_LEVEL: 'silent', SERVE_APPS: false } });
    await platform.server.ready();
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('carries the path of a draft field over its limit in data.issues', async () => {
    const applicant = await injectSession(platform.server, 'applicant2@demo.ssb.local');
    const campaign = await database.db.query.campaigns.findFirst({ where: (c, { ne }) => ne(c.year, 2022) });
    const body = await database.db.query.recommendingBodies.findFirst();
    const created = await platform.server.inject({ method: 'POST', url: '/trpc/applications.create', headers: applicant.headers, payload: { campaignId: campaign!.id, recommendingBodyId: body!.id } });
    const draft = JSON.parse(created.body).result.data as { id: string };
    const detail = JSON.parse((await platform.server.inject({ url: `/trpc/applications.get?input=${encodeURIComponent(JSON.stringify({ applicationId: draft.id }))}`, headers: applicant.headers })).body).result.data;
    const response = await platform.server.inject({
      method: 'POST',
      url: '/trpc/applications.saveDraft',
      headers: applicant.headers,
      payload: { applicationId: draft.id, version: detail.version, data: { ...detail.data, exhibitionOutline: '展'.repeat(60_000) } },
    });
    expect(response.statusCode).toBe(400);
    const error = JSON.parse(response.body).error;
    expect(error.message).toContain('展陈大纲不能超过');
    expect(error.data.issues).toEqual([expect.objectContaining({ path: 'data.exhibitionOutline', message: expect.stringContaining('展陈大纲') })]);
    expect(error.data.fieldErrors).toEqual({ data: [expect.stringContaining('展陈大纲')] });
  });
});
