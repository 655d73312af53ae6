import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseHandle } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { createHttpClient } from './testing/http-client.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('\x89PNG\r\n\x1a\n0000000000000000', 'latin1');

describe('funding application files over HTTP', () => {
  let database: DatabaseHandle;
  let platform: Awaited<ReturnType<typeof createServer>>;
  let baseUrl: string;
  let applicant: ReturnType<typeof createHttpClient>;
  let draftId: string;

  const post = (client: ReturnType<typeof createHttpClient>, bytes: Buffer, query: string, contentType = 'application/pdf') =>
    fetch(`${baseUrl}/files/funding/${draftId}/files?${query}`, { method: 'POST', headers: { ...client.headers(), 'content-type': contentType }, body: new Uint8Array(bytes) });

  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-ff-')), LOG_LEVEL: 'silent', SERVE_APPS: false, HOST: '127.0.0.1', PORT: 0 } });
    await platform.start();
    const port = (platform.server.addresses() as Array<{ family: string; port: number }>).find((a) => a.family === 'IPv4')!.port;
    baseUrl = `http://127.0.0.1:${port}`;
    applicant = createHttpClient(baseUrl);
    await applicant.mutate('auth.login', { email: 'base2@demo.ssb.local', password: DEMO_PASSWORD });
    const calls = await applicant.query<Array<{ id: string; isOpen: boolean }>>('funding.calls');
    const bases = await applicant.query<Array<{ id: string }>>('bases.mine');
    const draft = await applicant.mutate<{ id: string }>('funding.create', { callId: calls.find((c) => c.isOpen)!.id, baseId: bases[0]!.id, kind: 'exhibition' });
    draftId = draft.id;
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  it('takes a PDF attachment by its bytes, refuses anything else, and serves it only to those allowed', async () => {
    const refused = await post(applicant, PNG, 'purpose=attachment&label=项目实施方案&name=plan.pdf');
    expect(refused.status).toBe(422);
    expect((await refused.json()).message).toContain('只能上传 PDF 或 JPEG');
    expect((await post(applicant, PDF, 'label=项目实施方案')).status).toBe(422);
    expect((await post(applicant, PDF, 'purpose=attachment', 'text/plain')).status).toBe(415);

    const accepted = await post(applicant, PDF, `purpose=attachment&label=${encodeURIComponent('项目实施方案')}&name=${encodeURIComponent('实施方案.pdf')}`);
    expect(accepted.status).toBe(200);
    const file = (await accepted.json()) as { id: string; label: string; mime: string };
    expect(file).toMatchObject({ label: '项目实施方案', mime: 'application/pdf' });
    const view = await applicant.query<{ files: Array<{ id: string }>; problems: string[] }>('funding.get', { applicationId: draftId });
    expect(view.files.map((f) => f.id)).toEqual([file.id]);
    expect(view.problems.join()).not.toContain('项目实施方案');

    const url = `/files/funding/${draftId}/files/${file.id}`;
    const own = await applicant.get(url);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('cache-control')).toContain('private');
    expect(own.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);

    expect((await createHttpClient(baseUrl).get(url)).status).toBe(401);
    const otherBase = createHttpClient(baseUrl);
    await otherBase.mutate('auth.login', { email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    expect((await otherBase.get(url)).status).toBe(404);
    expect((await post(otherBase, PDF, 'purpose=attachment')).status).toBe(403);
    const office = createHttpClient(baseUrl);
    await office.mutate('auth.login', { email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    expect((await office.get(url)).status).toBe(200);
    expect((await office.get(`/files/funding/${draftId}/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
