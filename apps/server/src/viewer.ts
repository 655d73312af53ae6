import { loadSession, type SessionUser } from '@ssb/api';
import type { Database } from '@ssb/db';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './security.ts';

export type RouteViewer = { user: SessionUser; viewer: { userId: string; grants: SessionUser['memberships'] } };

/** The signed-in user behind the request's session cookie, with all their memberships, or null. */
export async function loadViewer(db: Database, request: FastifyRequest): Promise<RouteViewer | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const user = await loadSession(db, token);
  if (!user) return null;
  return { user, viewer: { userId: user.id, grants: user.memberships } };
}

/**
 * The viewer a plain HTTP route acts for: the one its policy rule let through, with only the
 * grants that rule allows (`route-access.ts`), as tRPC's builders pass them.
 */
export async function viewerFromRequest(db: Database, request: FastifyRequest): Promise<RouteViewer | null> {
  if (request.routeViewer !== undefined) return request.routeViewer;
  return loadViewer(db, request);
}
