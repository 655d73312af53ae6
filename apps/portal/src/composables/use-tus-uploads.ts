import { csrfHeaders } from '@ssb/ui/csrf';
import { defaultOptions, Upload, type DetailedError, type HttpResponse, type PreviousUpload } from 'tus-js-client';
import { nextTick, onBeforeUnmount, onMounted, reactive, ref, type Ref } from 'vue';
import { createRateMeter } from '#/utils/upload-progress.ts';
import { waitForServerFinish } from './tus-server-finish.ts';

export type UploadState = 'checking' | 'refused' | 'queued' | 'uploading' | 'paused' | 'verifying' | 'failed';

export type UploadItem<K extends string = string> = {
  key: string;
  kind: K;
  file: File;
  state: UploadState;
  sent: number;
  total: number;
  bytesPerSecond: number;
  remainingSeconds: number | null;
  /** Why the browser or the server refused the file, in the words of the shared rules. */
  problems: string[];
  /** Continued from an upload interrupted earlier (another page load). */
  resumed: boolean;
};

/** `lastMethod`: the request that brought the last answer; a HEAD means the server's own answer to the last byte was lost. */
type Runtime = { upload: Upload | null; meter: ReturnType<typeof createRateMeter>; lastMethod: string };

const CHUNK_SIZE = 5 * 1024 * 1024;
const ACTIVE: UploadState[] = ['checking', 'queued', 'uploading', 'paused', 'verifying'];

/** The server's refusal: `{ message, errors }` for its own checks, `{ error: { message } }` for the CSRF guard. */
export function refusalReasons(error: Error | DetailedError, fallback: string): { status: number | null; reasons: string[] } {
  const response = (error as DetailedError).originalResponse ?? null;
  const status = response ? response.getStatus() : null;
  if (!response) return { status, reasons: [fallback] };
  try {
    const body = JSON.parse(response.getBody()) as { message?: string; errors?: string[]; error?: { message?: string } };
    const reasons = body.errors?.length ? body.errors : [body.message ?? body.error?.message ?? fallback];
    return { status, reasons };
  } catch {
    return { status, reasons: [fallback] };
  }
}

export type TusUploadOptions<K extends string> = {
  /** tus metadata naming where the file goes (the server's upload target); filename and type are added. */
  metadata: (kind: K) => Record<string, string>;
  /** Where tus-js-client remembers an unfinished upload: choosing the same file again continues it. */
  fingerprint: (kind: K, file: File) => string;
  /** Which remembered unfinished uploads belong to this page. */
  isOwnUpload: (previous: PreviousUpload) => boolean;
  /** Room left for one more file of this kind, counting what is stored and what is on its way. */
  storedCount: (kind: K) => number;
  maxCount: (kind: K) => number;
  /** The browser's reasons to refuse a file before sending it (the server checks again). */
  precheck: (file: File, kind: K) => Promise<string[]>;
  /** The server accepted the file; its last response carries what it became. */
  onUploaded: (response: HttpResponse, kind: K) => Promise<unknown> | void;
  /** Reloads what the server holds, after the server's answer to the last byte was lost (a pause as the last byte went). */
  reload: (kind: K) => Promise<unknown> | void;
  messages: { tooMany: (kind: K) => string; failed: string; network: string };
};

/**
 * Files going up to /uploads over tus, one at a time: checked in the browser first, with progress,
 * pause, resume and cancel, and resumable after a reload (tus-js-client remembers each unfinished
 * upload's URL in localStorage; choosing the same file again continues it). What the files are
 * (materials, a resource's videos) is the caller's: metadata, limits, pre-check and what to do after.
 */
export function useTusUploads<K extends string>(options: TusUploadOptions<K>) {
  // Typed by hand: a generic kind does not survive ref()'s unwrapping.
  const items = ref([]) as Ref<UploadItem<K>[]>;
  const runtimes = new Map<string, Runtime>();
  const interrupted = ref<PreviousUpload[]>([]);
  let sequence = 0;

  async function refreshInterrupted() {
    try {
      const all = await defaultOptions.urlStorage.findAllUploads();
      const running = new Set(items.value.filter((i) => ACTIVE.includes(i.state)).map((i) => `${i.file.name}/${i.file.size}`));
      interrupted.value = all.filter((u) => options.isOwnUpload(u) && !running.has(`${u.metadata?.filename}/${u.size}`));
    } catch {
      interrupted.value = [];
    }
  }

  async function forgetInterrupted() {
    for (const u of interrupted.value) {
      await defaultOptions.urlStorage.removeUpload(u.urlStorageKey).catch(() => undefined);
      if (u.uploadUrl) await Upload.terminate(u.uploadUrl, { headers: csrfHeaders() }).catch(() => undefined);
    }
    interrupted.value = [];
  }

  async function forgetStored(upload: Upload) {
    try {
      for (const previous of await upload.findPreviousUploads()) {
        if (previous.uploadUrl === upload.url) await defaultOptions.urlStorage.removeUpload(previous.urlStorageKey);
      }
    } catch {
      // Nothing stored, or storage unavailable: nothing to forget.
    }
  }

  const find = (key: string) => items.value.find((i) => i.key === key);
  const remove = (key: string) => {
    items.value = items.value.filter((i) => i.key !== key);
    runtimes.delete(key);
  };

  /** Adds chosen or dropped files: refused at once when there is no room, checked, then queued. */
  function add(files: File[], kind: K) {
    for (const file of files) {
      const key = `u${(sequence += 1)}`;
      const pending = items.value.filter((i) => i.kind === kind && ACTIVE.includes(i.state)).length;
      const full = options.storedCount(kind) + pending >= options.maxCount(kind);
      items.value.push(
        reactive({
          key, kind, file, state: full ? 'refused' : 'checking', sent: 0, total: file.size, bytesPerSecond: 0, remainingSeconds: null,
          problems: full ? [options.messages.tooMany(kind)] : [], resumed: false,
        }) as UploadItem<K>,
      );
      if (!full) void check(key);
    }
  }

  async function check(key: string) {
    const item = find(key);
    if (!item) return;
    const problems = await options.precheck(item.file, item.kind);
    const current = find(key);
    if (!current || current.state !== 'checking') return;
    if (problems.length > 0) {
      current.state = 'refused';
      current.problems = problems;
    } else {
      current.state = 'queued';
    }
    pump();
  }

  /** One upload at a time: the connection is shared, and the server checks each file as it arrives. */
  function pump() {
    if (items.value.some((i) => i.state === 'uploading' || i.state === 'verifying')) return;
    const next = items.value.find((i) => i.state === 'queued');
    if (next) void start(next.key);
  }

  async function start(key: string) {
    const item = find(key);
    if (!item) return;
    item.state = 'uploading';
    const meter = createRateMeter();
    const kind = item.kind;
    const upload: Upload = new Upload(item.file, {
      endpoint: '/uploads',
      metadata: { ...options.metadata(kind), filename: item.file.name, filetype: item.file.type },
      headers: csrfHeaders(),
      chunkSize: CHUNK_SIZE,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      fingerprint: (file) => Promise.resolve(options.fingerprint(kind, file as File)),
      onProgress(sent, total) {
        const current = find(key);
        if (!current) return;
        const rate = meter.sample(sent, total);
        current.sent = sent;
        current.total = total;
        current.bytesPerSecond = rate.bytesPerSecond;
        current.remainingSeconds = rate.remainingSeconds;
        // Every byte is there: the server now checks the file before answering.
        if (sent >= total && current.state === 'uploading') current.state = 'verifying';
      },
      onUploadUrlAvailable() {
        // From now on continue only: when the server no longer knows this upload, it took the last byte
        // and ended its check while its answer was lost (a pause, a cut line); starting over would store the file twice.
        upload.options.endpoint = null;
      },
      onAfterResponse(request) {
        const runtime = runtimes.get(key);
        if (runtime) runtime.lastMethod = request.getMethod();
      },
      onSuccess({ lastResponse }) {
        if (runtimes.get(key)?.lastMethod === 'HEAD') return void settleLostAnswer(key, upload.url);
        const before = options.storedCount(kind);
        void settle(key, async () => {
          try {
            await options.onUploaded(lastResponse, kind);
            return true;
          } catch {
            // The answer could not be read: what the server stored says whether the file is in.
            await options.reload(kind);
            await nextTick();
            return options.storedCount(kind) > before;
          }
        });
      },
      onError(error) {
        const current = find(key);
        const { status, reasons } = refusalReasons(error, options.messages.failed);
        // Continuing an upload the server no longer has: it took the last byte and has ended its check.
        if (current && upload.options.endpoint === null && (status === 404 || status === 410)) return void settleLostAnswer(key, null);
        if (current) {
          current.state = status !== null && status >= 400 && status < 500 ? 'refused' : 'failed';
          current.problems = status === null ? [options.messages.network] : reasons;
          // A refused file is gone from the server: it must not come back as "not finished last time".
          if (current.state === 'refused') void forgetStored(upload);
        }
        pump();
      },
    });
    runtimes.set(key, { upload, meter, lastMethod: '' });
    try {
      // The same file chosen twice shares a fingerprint: never continue an upload another row is sending.
      const taken = new Set([...runtimes.values()].map((r) => r.upload?.url).filter(Boolean));
      const previous = (await upload.findPreviousUploads()).find((p) => p.uploadUrl && !taken.has(p.uploadUrl));
      if (previous) {
        upload.resumeFromPreviousUpload(previous);
        item.resumed = true;
      }
    } catch {
      // Without stored URLs the upload simply starts over.
    }
    if (find(key)?.state !== 'uploading') return;
    upload.start();
    void refreshInterrupted();
  }

  /** Ends a row once the server's outcome is known: gone when the file is stored, a retry offered otherwise. */
  async function settle(key: string, outcome: () => Promise<boolean>) {
    const stored = await outcome().catch(() => false);
    const current = find(key);
    if (stored) remove(key);
    else if (current) {
      current.state = 'failed';
      current.problems = [options.messages.failed];
      // A retry sends the file again from the start.
      const upload = runtimes.get(key)?.upload;
      if (upload) {
        upload.url = null;
        upload.options.endpoint = '/uploads';
      }
    }
    pump();
  }

  /** Every byte reached the server but its answer did not reach the page: wait for its check, then read what it stored. */
  function settleLostAnswer(key: string, url: string | null) {
    const current = find(key);
    if (!current) return;
    current.state = 'verifying';
    const before = options.storedCount(current.kind);
    return settle(key, async () => {
      if (url) await waitForServerFinish(url, csrfHeaders());
      await options.reload(current.kind);
      await nextTick();
      return options.storedCount(current.kind) > before;
    });
  }

  async function pause(key: string) {
    const item = find(key);
    const runtime = runtimes.get(key);
    if (!item || item.state !== 'uploading' || !runtime?.upload) return;
    item.state = 'paused';
    item.bytesPerSecond = 0;
    item.remainingSeconds = null;
    await runtime.upload.abort(false).catch(() => undefined);
    pump();
  }

  function resume(key: string) {
    const item = find(key);
    const runtime = runtimes.get(key);
    if (!item || (item.state !== 'paused' && item.state !== 'failed') || !runtime?.upload) {
      if (item?.state === 'failed') {
        item.state = 'queued';
        pump();
      }
      return;
    }
    item.state = 'uploading';
    item.problems = [];
    runtime.meter.reset();
    runtime.upload.start();
  }

  async function cancel(key: string) {
    const item = find(key);
    const runtime = runtimes.get(key);
    if (!item || item.state === 'verifying') return;
    remove(key);
    // Ends the upload on the server too, and forgets its URL.
    if (runtime?.upload) await runtime.upload.abort(true).catch(() => undefined);
    pump();
  }

  const dismiss = (key: string) => remove(key);

  const activeCount = (kind: K) => items.value.filter((i) => i.kind === kind && ACTIVE.includes(i.state)).length;
  /** Files still to go up in this page (a paused one can wait: it resumes later). */
  const isBusy = () => items.value.some((i) => i.state === 'checking' || i.state === 'queued' || i.state === 'uploading' || i.state === 'verifying');

  /** Leaving the page mid-upload: the browser asks first (the upload would resume later, but only after choosing the file again). */
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (items.value.some((i) => i.state === 'uploading' || i.state === 'verifying')) event.preventDefault();
  };
  onMounted(() => {
    void refreshInterrupted();
    window.addEventListener('beforeunload', onBeforeUnload);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    for (const [key, runtime] of runtimes) {
      if (find(key)?.state === 'uploading') void runtime.upload?.abort(false);
    }
  });

  return { items, interrupted, add, pause, resume, cancel, dismiss, activeCount, isBusy, forgetInterrupted, refreshInterrupted };
}
