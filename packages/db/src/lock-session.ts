import postgres from 'postgres';

/**
 * One PostgreSQL session kept open for session-level advisory locks, plus LISTEN/NOTIFY on the same
 * server. Locks taken here are held by this one connection: they stay across transactions of the
 * pool and go away by themselves when the process (or its connection) dies, so a crashed replica
 * never leaves a lock behind.
 */
export type LockSession = {
  /** `pg_try_advisory_lock(space, hashtext(name))`: true when this session now holds it. */
  tryLock: (space: number, name: string) => Promise<boolean>;
  unlock: (space: number, name: string) => Promise<void>;
  notify: (channel: string, payload: string) => Promise<void>;
  listen: (channel: string, onMessage: (payload: string) => void) => Promise<void>;
  close: () => Promise<void>;
};

export function openLockSession(url: string): LockSession {
  // max 1: every lock and unlock goes through the same backend session.
  const client = postgres(url, { max: 1, idle_timeout: 0, max_lifetime: null, onnotice: () => {} });
  const unlisten: Array<() => Promise<void>> = [];
  return {
    async tryLock(space, name) {
      const [row] = await client<Array<{ ok: boolean }>>`select pg_try_advisory_lock(${space}::int, hashtext(${name})) as ok`;
      return row!.ok;
    },
    async unlock(space, name) {
      await client`select pg_advisory_unlock(${space}::int, hashtext(${name}))`;
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    async listen(channel, onMessage) {
      const { unlisten: stop } = await client.listen(channel, onMessage);
      unlisten.push(stop);
    },
    async close() {
      for (const stop of unlisten.splice(0)) await stop().catch(() => undefined);
      await client.end({ timeout: 5 });
    },
  };
}
