import { openLockSession, type LockSession } from '@ssb/db/lock-session';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';

/** The advisory-lock key space of tus uploads (the first int of the two-int form). */
const UPLOAD_LOCK_SPACE = 7238101;
/** Where a replica asks the one holding an upload to let it go (tus: "request release"). */
export const UPLOAD_RELEASE_CHANNEL = 'ssb_upload_release';
const POLL_MS = 50;

export type UploadLockHolder = { release: RequestRelease; shared: boolean };

/** This process's holders, by upload id: two Fastify instances in one process share it. */
const processHolders = new Map<string, UploadLockHolder>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type UploadLocker = Locker & { close: () => Promise<void> };

/**
 * tus's lock of one upload, held across replicas. tus takes it around every request that reads or
 * writes an upload (HEAD, PATCH, DELETE); while it is held, another request for that upload asks the
 * holder to let go (tus then ends the holder's request, e.g. a half-open PATCH of a client that has
 * already reconnected elsewhere) and waits.
 *
 * - In this process: a map of holders, as tus's MemoryLocker.
 * - Across replicas (PostgreSQL): a session-level advisory lock on one connection kept by this
 *   process for the purpose; a waiter on another replica NOTIFYs `ssb_upload_release`, and the
 *   replica holding it asks its request to let go. A replica that dies loses its connection and so
 *   its locks.
 * - PGlite is one process's database: the map alone is the whole lock.
 */
export function createUploadLocker(options: { databaseUrl?: string; timeoutMs?: number; holders?: Map<string, UploadLockHolder> } = {}): UploadLocker {
  const holders = options.holders ?? processHolders;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let session: LockSession | null = null;
  let listening: Promise<void> | null = null;
  const shared = () => {
    if (!options.databaseUrl) return null;
    session ??= openLockSession(options.databaseUrl);
    // Asked by another replica: a request here holding that upload lets it go.
    listening ??= session
      .listen(UPLOAD_RELEASE_CHANNEL, (id) => {
        const holder = holders.get(id);
        if (holder?.shared) void holder.release();
      })
      .catch((error: unknown) => {
        // Tried again by the next lock; this one fails with the reason.
        listening = null;
        throw error;
      });
    return session;
  };

  const newLock = (id: string): Lock => {
    let mine: UploadLockHolder | null = null;
    return {
      async lock(signal, requestRelease) {
        const deadline = Date.now() + timeoutMs;
        const expired = () => signal.aborted || Date.now() > deadline;
        let asked = false;
        while (holders.has(id)) {
          if (expired()) throw ERRORS.ERR_LOCK_TIMEOUT;
          if (!asked) {
            asked = true;
            await holders.get(id)?.release();
          }
          await sleep(5);
        }
        // Nothing awaited since the check: the map entry is ours.
        const holder: UploadLockHolder = { release: requestRelease, shared: false };
        holders.set(id, holder);
        mine = holder;
        const lockSession = shared();
        if (!lockSession) return;
        try {
          await listening;
          let notified = false;
          while (!(await lockSession.tryLock(UPLOAD_LOCK_SPACE, id))) {
            if (expired()) throw ERRORS.ERR_LOCK_TIMEOUT;
            if (!notified) {
              notified = true;
              await lockSession.notify(UPLOAD_RELEASE_CHANNEL, id);
            }
            await sleep(POLL_MS);
          }
          holder.shared = true;
        } catch (error) {
          holders.delete(id);
          mine = null;
          throw error;
        }
      },
      async unlock() {
        const holder = mine;
        if (!holder || holders.get(id) !== holder) throw new Error('Releasing an unlocked lock!');
        mine = null;
        try {
          if (holder.shared && session) await session.unlock(UPLOAD_LOCK_SPACE, id);
        } finally {
          holders.delete(id);
        }
      },
    };
  };

  return {
    newLock,
    async close() {
      const closing = session;
      session = null;
      listening = null;
      await closing?.close();
    },
  };
}
