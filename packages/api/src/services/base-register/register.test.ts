import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@ssb/db';
import { seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { expireDueBases } from './change-base-status.ts';
import { exportBatchCertificates, exportCertificate, exportNationalList } from './export-register.ts';

const pdfText = (pdf: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ssb-cert-')), 'c.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

describe.each(TEST_ENGINES)('register of bases on %s', (engine) => {
  let api: TestApi;
  let office: Awaited<ReturnType<TestApi['as']>>;
  let officeViewer: { userId: string; grants: Array<{ organizationId: string; organizationName: string; role: 'office' }> };

  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    const user = (await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'office@demo.ssb.local') }))!;
    office = await api.as(user.id);
    officeViewer = { userId: user.id, grants: [{ organizationId: 'x', organizationName: 'x', role: 'office' }] };
  });
  afterAll(() => api?.close());

  it('holds the six demo bases of 2022, numbered, across districts and categories, with filters', async () => {
    // The 2022 batch: the 2023 batch holds two demo bases the 2023 evaluation revoked (demo-evaluation.ts).
    const all = await office.register.list({ batchYear: 2022, page: 1, pageSize: 20 });
    expect(all.items.map((b) => b.number)).toEqual(['001', '002', '003', '004', '005', '006'].map((n) => `京科精基地-2022-${n}`));
    expect(new Set(all.items.map((b) => b.districtCode)).size).toBe(6);
    expect(new Set(all.items.map((b) => b.category)).size).toBe(6);
    expect(all.items.every((b) => b.isDemo && b.name.includes('（演示）') && b.validUntil === '2027-05-29')).toBe(true);
    expect((await office.register.list({ status: 'rectification', page: 1, pageSize: 20 })).items).toHaveLength(1);
    expect((await office.register.list({ q: '航天', page: 1, pageSize: 20 })).items.map((b) => b.name)).toEqual(['京北航天精神展馆（演示）']);
    expect((await office.register.list({ batchYear: 2022, page: 2, pageSize: 4 })).items).toHaveLength(2);
  });

  it('changes status with a reason, keeps the history, refuses stale versions and final states', async () => {
    const [base] = (await office.register.list({ q: '中关村', page: 1, pageSize: 1 })).items;
    const moved = await office.register.changeStatus({ baseId: base!.id, version: base!.version, toStatus: 'rectification', reason: '年度评估：开放时间不足' });
    await expect(office.register.changeStatus({ baseId: base!.id, version: base!.version, toStatus: 'revoked', reason: '用旧版本撤销' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await office.register.changeStatus({ baseId: base!.id, version: moved.version, toStatus: 'active', reason: '整改完成，复核通过' });
    const current = await office.register.get({ baseId: base!.id });
    await office.register.changeStatus({ baseId: base!.id, version: current.version, toStatus: 'revoked', reason: '弄虚作假，撤销命名' });
    const revoked = await office.register.get({ baseId: base!.id });
    await expect(office.register.changeStatus({ baseId: base!.id, version: revoked.version, toStatus: 'active', reason: '试图恢复' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '基地当前为“已撤销”，不能改为“有效”' });
    expect(revoked.history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'active', '命名（京科精基地-2022-003）'],
      ['active', 'rectification', '年度评估：开放时间不足'],
      ['rectification', 'active', '整改完成，复核通过'],
      ['active', 'revoked', '弄虚作假，撤销命名'],
    ]);
    expect(revoked.history.at(-1)!.actorName).toBe('刘办公');
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, base!.id));
    expect(audited.map((a) => a.action)).toEqual(['base.rectification', 'base.active', 'base.revoked']);
    await expect(exportCertificate(api, officeViewer, base!.id)).rejects.toMatchObject({ message: '该基地已撤销，不能出具证书' });
  });

  it('expires titles whose five years are over', async () => {
    expect(await expireDueBases(api.db, '2027-05-29')).toBe(0);
    expect(await expireDueBases(api.db, '2027-05-30')).toBe(5);
    const history = await office.register.get({ baseId: (await office.register.list({ q: '西山', page: 1, pageSize: 1 })).items[0]!.id });
    expect(history).toMatchObject({ status: 'expired', statusNote: '五年有效期届满' });
    expect(history.history.at(-1)).toMatchObject({ fromStatus: 'active', toStatus: 'expired' });
    // Back to active for the exports below.
    await api.db.update(schema.bases).set({ status: 'active' }).where(eq(schema.bases.status, 'expired'));
  });

  it('prints certificates (one, or a batch) and the national list, for the office only, audited', async () => {
    const [first] = (await office.register.list({ batchYear: 2022, page: 1, pageSize: 1 })).items;
    const one = await exportCertificate(api, officeViewer, first!.id);
    const text = pdfText(one.pdf);
    expect(text).toContain(first!.name);
    expect(text).toContain(first!.number);
    expect(one.fileName).toBe(`证书-${first!.number}-${first!.name}.pdf`);

    const batch = await exportBatchCertificates(api, officeViewer, 2022);
    expect(batch.count).toBe(5); // the revoked one gets none
    const all = pdfText(batch.pdf);
    for (const n of ['001', '002', '004', '005', '006']) expect(all).toContain(`京科精基地-2022-${n}`);
    expect(all).not.toContain('京科精基地-2022-003');

    const list = await exportNationalList(api, officeViewer, 2022);
    // Active bases only: the revoked one is left out; columns are checked in the server test.
    expect(list.count).toBe(5);
    expect(list.file.subarray(0, 2).toString()).toBe('PK');

    // Who may download is the route policy's rule, held by apps/server/src/route-policy.test.ts.
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.actorUserId, officeViewer.userId));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['export.certificate', 'export.certificates_batch', 'export.national_list']));
  });
});
