import { loadSession, type SessionUser } from '@ssb/api';
import type { Database } from '@ssb/db';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './security.ts';

/** The signed-in user behind a plain HTTP route (uploads, file downloads), as tRPC's context finds it. */
export async function viewerFromRequest(db: Database, request: FastifyRequest): Promise<{ user: SessionUser; viewer: { userId: string; grants: SessionUser['memberships'] } } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const user = await loadSession(db, token);
  if (!user) return null;
  return { user, viewer: { userId: user.id, grants: user.memberships } };
}
