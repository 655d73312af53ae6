import { schema } from '@ssb/db';
import { TEST_ENGINES } from '@ssb/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing/harness.ts';
import { drainJobs, enqueueJob, runDueJobs } from './queue.ts';

describe.each(TEST_ENGINES)('job queue on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(engine);
  });
  afterAll(() => api?.close());

  it('commits a job with the change that caused it, and drops it when that change rolls back', async () => {
    await api.db
      .transaction(async (tx) => {
        await enqueueJob(tx, 'mail.send', { to: 'rolled-back@example.org', subject: 's', text: 't' });
        throw new Error('abort');
      })
      .catch(() => {});
    await api.db.transaction((tx) => enqueueJob(tx, 'mail.send', { to: 'kept@example.org', subject: '通知', text: '正文' }));
    expect(await drainJobs(api)).toBe(1);
    expect(api.lastMailTo('kept@example.org')?.body).toContain('正文');
    expect(api.lastMailTo('rolled-back@example.org')).toBeNull();
  });

  it('retries a failing job later instead of losing it', async () => {
    let calls = 0;
    const flaky = {
      ...api,
      mailer: {
        transport: 'eml' as const,
        send: async () => {
          calls++;
          throw new Error('SMTP down');
        },
      },
    };
    await enqueueJob(api.db, 'mail.send', { to: 'retry@example.org', subject: 's', text: 't' });
    expect(await runDueJobs(flaky)).toBe(1);
    const [job] = await api.db.select().from(schema.jobs).where(sql`payload->>'to' = 'retry@example.org'`);
    expect(job).toMatchObject({ attempts: 1, doneAt: null, failedAt: null, lastError: 'SMTP down' });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing runs, nothing is lost.
    expect(await runDueJobs(api)).toBe(0);
    expect(calls).toBe(1);
  });
});
