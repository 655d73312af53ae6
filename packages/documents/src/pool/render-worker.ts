import { parentPort, threadId } from 'node:worker_threads';
import { warmUpDocuments } from '../warm-up.ts';
import { RENDER_TASKS, type RenderTask } from './render-tasks.ts';

export type TaskMessage = { id: number; task: RenderTask; args: unknown[] };
export type WorkerReply =
  | { kind: 'ready'; threadId: number; warmUpMs: number | null; warmUpError?: string }
  | { id: number; ok: true; bytes: Uint8Array; threadId: number }
  | { id: number; ok: false; message: string; threadId: number };

const port = parentPort!;

// Fonts parsed and code compiled before the first request; a failed warm-up only costs the first render time.
const warmUpMs = await warmUpDocuments().catch((error: unknown) => {
  port.postMessage({ kind: 'ready', threadId, warmUpMs: null, warmUpError: String(error) } satisfies WorkerReply);
  return null;
});
if (warmUpMs !== null) port.postMessage({ kind: 'ready', threadId, warmUpMs } satisfies WorkerReply);

port.on('message', async ({ id, task, args }: TaskMessage) => {
  try {
    const render = RENDER_TASKS[task] as (...a: unknown[]) => Promise<Buffer>;
    const result = await render(...args);
    const bytes = new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
    // A buffer of its own moves to the main thread without a copy; a slice of Node's shared pool is copied.
    const owned = result.byteOffset === 0 && result.byteLength === result.buffer.byteLength;
    port.postMessage({ id, ok: true, bytes, threadId } satisfies WorkerReply, owned ? [bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), threadId } satisfies WorkerReply);
  }
});
