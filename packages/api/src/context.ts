import type { Database } from '@ssb/db';
import type { Role } from '@ssb/domain/roles';
import type { SearchEngine } from '@ssb/search';
import type { FileStore } from '@ssb/storage';
import type { Mailer } from './services/mail/mailer.ts';
import { loadSession } from './services/auth/sessions.ts';

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  memberships: Array<{ organizationId: string; organizationName: string; role: Role }>;
};

/** What the HTTP layer lets a procedure do to the session cookie. */
export type SessionCookieJar = {
  set: (token: string, expiresAt: Date) => void;
  clear: () => void;
};

export type ApiConfig = {
  /** Where links in emails point, e.g. http://localhost:3000 */
  publicUrl: string;
};

/** `search` unset means the embedded engine on `db`. */
export type ApiDeps = { db: Database; mailer: Mailer; files: FileStore; config: ApiConfig; search?: SearchEngine };

export type Context = ApiDeps & {
  user: SessionUser | null;
  sessionToken: string | null;
  cookies: SessionCookieJar;
  ip: string;
  userAgent: string;
  /** The HTTP request's id, shown with an internal error so a report can be matched to the log. */
  requestId?: string;
};

export async function createContext(
  deps: ApiDeps,
  request: { sessionToken: string | null; cookies: SessionCookieJar; ip: string; userAgent: string; requestId?: string },
): Promise<Context> {
  const user = request.sessionToken ? await loadSession(deps.db, request.sessionToken) : null;
  return { ...deps, ...request, user, sessionToken: user ? request.sessionToken : null };
}
