import { Worker } from 'node:worker_threads';
import type { RenderArgs, RenderTask } from './render-tasks.ts';
import type { TaskMessage, WorkerReply } from './render-worker.ts';

/** Raised when too many renders wait: the caller answers "try again later" rather than queueing without end. */
export class DocumentPoolBusyError extends Error {
  constructor() {
    super('导出任务较多，请稍后再试');
    this.name = 'DocumentPoolBusyError';
  }
}

/** Raised when a render overran its time: its worker is replaced, and the user may try again. */
export class DocumentRenderTimeoutError extends Error {
  constructor() {
    super('文件生成超时，请稍后再试');
    this.name = 'DocumentRenderTimeoutError';
  }
}

export type PoolOptions = { size?: number; maxQueue?: number; taskTimeoutMs?: number };
type Job = { id: number; message: TaskMessage; resolve: (value: { bytes: Buffer; threadId: number }) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; job: Job | null; timer?: ReturnType<typeof setTimeout> };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A fixed number of worker threads that render documents, so a 200-page PDF never holds up other
 * requests; the rest wait in a bounded queue. A worker that dies or overruns is replaced.
 */
export class RenderPool {
  readonly size: number;
  private readonly maxQueue: number;
  private readonly taskTimeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private completed = 0;
  private lastThreadId: number | null = null;
  private closed = false;
  /** Resolves once every worker has warmed up (fonts parsed), with each one's time. */
  readonly ready: Promise<Array<{ threadId: number; warmUpMs: number | null }>>;
  private readonly readyWaiters: Array<(value: { threadId: number; warmUpMs: number | null }) => void> = [];

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 2);
    this.maxQueue = options.maxQueue ?? 50;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    const readies: Array<Promise<{ threadId: number; warmUpMs: number | null }>> = [];
    for (let i = 0; i < this.size; i++) readies.push(new Promise((resolve) => this.slots.push(this.spawn(resolve))));
    this.ready = Promise.all(readies);
  }

  run<T extends RenderTask>(task: T, ...args: RenderArgs<T>): Promise<{ bytes: Buffer; threadId: number }> {
    if (this.closed) return Promise.reject(new Error('document pool closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new DocumentPoolBusyError());
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, message: { id, task, args }, resolve, reject });
      this.dispatch();
    });
  }

  /** Renders finished, and the thread of the last one: how a test sees where the work ran. */
  stats() {
    return { completed: this.completed, lastThreadId: this.lastThreadId, queued: this.queue.length };
  }

  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('document pool closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(onReady?: (value: { threadId: number; warmUpMs: number | null }) => void): Slot {
    const worker = new Worker(ENTRY);
    // An idle pool does not keep the process alive; a busy one does, through the pending job.
    worker.unref();
    const slot: Slot = { worker, job: null };
    worker.on('message', (reply: WorkerReply) => {
      if ('kind' in reply) return onReady?.({ threadId: reply.threadId, warmUpMs: reply.warmUpMs });
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      this.completed += 1;
      this.lastThreadId = reply.threadId;
      if (reply.ok) job.resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), threadId: reply.threadId });
      else job.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => this.replace(slot, new Error(`document worker exited with code ${code}`)));
    return slot;
  }

  private replace(slot: Slot, error: Error) {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    if (!this.closed) this.slots[index] = this.spawn();
    job?.reject(error);
    this.dispatch();
  }

  private finish(slot: Slot) {
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    this.dispatch();
  }

  private dispatch() {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.replace(slot, new DocumentRenderTimeoutError()), this.taskTimeoutMs);
      slot.worker.postMessage(job.message);
    }
  }
}
