import type { DbOrTx } from '@ssb/db';
import { rowsOf, schema } from '@ssb/db';
import { and, eq, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { runRegistrationSweep } from '../registrations/sweep.ts';
import { sendTermReminders } from '../base-register/term-reminders.ts';

/**
 * `registrations.sweep` is queued by the server every few minutes: lapsed offers, reminders, personal-data purge.
 * `register.termReminders` hourly and on start: the 12/6/3-month reminders of a base's term.
 */
export type JobPayloads = { 'mail.send': MailMessage; 'registrations.sweep': Record<string, never>; 'register.termReminders': Record<string, never> };
export type JobKind = keyof JobPayloads;

/** Queues work inside the caller's transaction: it commits with the change that caused it. */
export async function enqueueJob<K extends JobKind>(db: DbOrTx, kind: K, payload: JobPayloads[K]) {
  await db.insert(schema.jobs).values({ kind, payload: payload as Record<string, unknown> });
}

/** Several jobs of one kind in one statement. */
export async function enqueueJobs<K extends JobKind>(db: DbOrTx, kind: K, payloads: Array<JobPayloads[K]>) {
  if (payloads.length === 0) return;
  await db.insert(schema.jobs).values(payloads.map((payload) => ({ kind, payload: payload as Record<string, unknown> })));
}

const MAX_ATTEMPTS = 8;
const backoffSeconds = (attempt: number) => Math.min(3600, 5 * 2 ** attempt);

type Handler = (deps: ApiDeps, payload: Record<string, unknown>) => Promise<void>;
const HANDLERS: Record<JobKind, Handler> = {
  'mail.send': (deps, payload) => deps.mailer.send(deps.db, payload as MailMessage),
  'registrations.sweep': async (deps) => {
    await runRegistrationSweep(deps.db, deps.config.publicUrl);
  },
  'register.termReminders': async (deps) => {
    await sendTermReminders(deps.db, deps.config.publicUrl);
  },
};

/**
 * Claims up to `limit` due jobs (SKIP LOCKED, so several workers share the queue), runs them, and
 * records success, a retry with back-off, or failure after the last attempt. Returns how many ran.
 */
export async function runDueJobs(deps: ApiDeps, limit = 20) {
  const claimed = rowsOf<{ id: number; kind: string; payload: Record<string, unknown>; attempts: number }>(
    await deps.db.execute(sql`
      update jobs set locked_until = now() + interval '5 minutes', attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and failed_at is null and run_at <= now()
          and (locked_until is null or locked_until < now())
        order by id limit ${limit}
        for update skip locked)
      returning id, kind, payload, attempts`),
  );
  for (const job of claimed) {
    const handler = HANDLERS[job.kind as JobKind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(deps, job.payload);
      await deps.db.update(schema.jobs).set({ doneAt: new Date(), lockedUntil: null }).where(eq(schema.jobs.id, job.id));
    } catch (error) {
      const isLast = job.attempts >= MAX_ATTEMPTS;
      await deps.db
        .update(schema.jobs)
        .set({
          lastError: String((error as Error).message ?? error).slice(0, 2000),
          lockedUntil: null,
          ...(isLast ? { failedAt: new Date() } : { runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000) }),
        })
        .where(and(eq(schema.jobs.id, job.id)));
    }
  }
  return claimed.length;
}

/** Runs jobs until none is due: for tests and the CLI. */
export async function drainJobs(deps: ApiDeps) {
  let total = 0;
  for (let ran = await runDueJobs(deps); ran > 0; ran = await runDueJobs(deps)) total += ran;
  return total;
}

/** A worker loop in the server process; `stop` waits for the batch in hand. */
export function startJobWorker(deps: ApiDeps, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
  let isStopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (isStopped) return;
    current = drainJobs(deps).catch((error: unknown) => options.onError?.(error));
    await current;
    if (!isStopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
  };
  let timer = setTimeout(tick, options.intervalMs ?? 1000);
  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
