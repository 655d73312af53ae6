import { threadId } from 'node:worker_threads';
import { DEFAULT_FORM_FIELDS } from '@ssb/domain';
import { completeApplicationData } from '@ssb/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentRenderTimeoutError, RenderPool } from './render-pool.ts';

const bigForm = () => {
  const row = { title: '科学家精神进校园系列活动', date: '2021-09-10', audience: '中学生', attendance: 500 };
  return {
    campaign: { year: 2026 },
    fields: DEFAULT_FORM_FIELDS,
    data: completeApplicationData({ activities: Array.from({ length: 200 }, () => row), exhibitionOutline: '序厅、求索、报国、传承。'.repeat(400) }),
    organizationName: '并发测试单位',
    recommendingBodyName: '北京市科学技术协会',
    applicationId: '00000000-0000-4000-8000-000000000001',
    verifyUrlBase: 'http://localhost/admin/paper-check',
  };
};

describe('the document render pool', () => {
  const pool = new RenderPool({ size: 2, maxQueue: 3 });
  afterAll(() => pool.close());

  it('warms every worker up when it starts, before any request', async () => {
    const ready = await pool.ready;
    expect(ready).toHaveLength(2);
    expect(ready.every((w) => w.threadId !== threadId && typeof w.warmUpMs === 'number')).toBe(true);
  }, 60_000);

  it('renders in a worker thread while the event loop stays free', async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const { bytes, threadId: renderedIn } = await pool.run('applicationPdf', bigForm());
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(renderedIn).not.toBe(threadId);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    // A generous bound: the loop ticked all along the render instead of waiting for it.
    expect(longestGap).toBeLessThan(Math.max(200, took / 3));
  }, 60_000);

  it('answers a failed render with its message, then renders the next one', async () => {
    await expect(pool.run('summaryPdf', { campaign: { year: 2026 }, recommendingBodyName: '测试', rows: null as never, generatedAt: new Date() })).rejects.toThrow();
    const { bytes } = await pool.run('summaryXlsx', { campaign: { year: 2026 }, recommendingBodyName: '测试', rows: [], generatedAt: new Date() });
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('refuses with a Chinese message when too many renders wait, instead of queueing without end', async () => {
    const runs = Array.from({ length: 8 }, () => pool.run('applicationPdf', bigForm()));
    const settled = await Promise.allSettled(runs);
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
    expect(refused.map((r) => r.reason.message)).toEqual(Array(3).fill('导出任务较多，请稍后再试'));
  }, 120_000);

  it('gives up on a render that overruns, replaces its worker, and renders the next one', async () => {
    const hasty = new RenderPool({ size: 1, taskTimeoutMs: 1 });
    try {
      await expect(hasty.run('applicationPdf', bigForm())).rejects.toBeInstanceOf(DocumentRenderTimeoutError);
      expect(hasty.stats().completed).toBe(0);
    } finally {
      await hasty.close();
    }
    const { threadId: renderedIn } = await pool.run('summaryXlsx', { campaign: { year: 2026 }, recommendingBodyName: '测试', rows: [], generatedAt: new Date() });
    expect(renderedIn).not.toBe(threadId);
  }, 60_000);
});
