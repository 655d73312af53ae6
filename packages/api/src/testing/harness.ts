import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '@ssb/db';
import { createTestDatabase } from '@ssb/db/testing';
import { createContext, type SessionCookieJar } from '../context.ts';
import { appRouter } from '../root.ts';
import { createLocalFileStore } from '@ssb/storage';
import { drainJobs } from '../services/jobs/queue.ts';
import { createEmlMailer } from '../services/mail/mailer.ts';
import { createSession } from '../services/auth/sessions.ts';
import { createCallerFactory } from '../trpc.ts';

const createCaller = createCallerFactory(appRouter);

/** A cookie jar that remembers what the server set, as a browser would. */
export function createCookieJar(): SessionCookieJar & { token: string | null } {
  const jar = {
    token: null as string | null,
    set: (token: string) => void (jar.token = token),
    clear: () => void (jar.token = null),
  };
  return jar;
}

/**
 * A real database (PGlite or PostgreSQL), a real .eml mailer writing to a temporary folder, and
 * callers that go through the same context and procedure builders as HTTP requests do.
 */
export async function createTestApi(engine: 'pglite' | 'postgres') {
  const handle: DatabaseHandle = await createTestDatabase(engine);
  const mailDir = mkdtempSync(join(tmpdir(), 'ssb-mail-'));
  const filesDir = mkdtempSync(join(tmpdir(), 'ssb-files-'));
  const deps = {
    db: handle.db,
    mailer: createEmlMailer(mailDir),
    files: createLocalFileStore(filesDir),
    config: { publicUrl: 'http://localhost:3000' },
  };

  async function callerWithToken(token: string | null, ip = '127.0.0.1') {
    const cookies = createCookieJar();
    cookies.token = token;
    const ctx = await createContext(deps, { sessionToken: token, cookies, ip, userAgent: 'vitest' });
    const caller = createCaller(ctx);
    // The caller is a proxy over procedure paths: answer `cookies` before it does.
    return new Proxy(caller, { get: (target, key) => (key === 'cookies' ? cookies : Reflect.get(target, key)) }) as typeof caller & {
      cookies: typeof cookies;
    };
  }

  return {
    ...deps,
    handle,
    mailDir,
    filesDir,
    anonymous: (ip?: string) => callerWithToken(null, ip),
    callerWithToken,
    /** A caller signed in as this user, through a real server-side session. */
    async as(userId: string) {
      const session = await createSession(handle.db, userId, { ip: '127.0.0.1', userAgent: 'vitest' });
      return callerWithToken(session.token);
    },
    /** The newest .eml written to this address, decoded as text. */
    lastMailTo(address: string) {
      const files = readdirSync(mailDir).filter((f) => f.includes(address.replace(/[^a-z0-9@._-]/gi, '_'))).sort();
      const file = files.at(-1);
      if (!file) return null;
      const raw = readFileSync(join(mailDir, file), 'utf8');
      const encodedBody = raw.slice(raw.search(/\r?\n\r?\n/)).trimStart();
      const isBase64 = /Content-Transfer-Encoding: base64/i.test(raw);
      const isQuoted = /Content-Transfer-Encoding: quoted-printable/i.test(raw);
      const body = isBase64
        ? Buffer.from(encodedBody.replace(/\s+/g, ''), 'base64').toString('utf8')
        : isQuoted
          ? Buffer.from(encodedBody.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
          : encodedBody;
      return { raw, body };
    },
    /** Runs the queued background jobs (emails of notices) now, as the server's worker would. */
    runJobs: () => drainJobs(deps),
    close: () => handle.close(),
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
