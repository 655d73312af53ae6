import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTE_POLICY, type Who } from '@ssb/api/policy';
import { createDatabase } from '@ssb/db';
import type { Role } from '@ssb/domain/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { injectSession } from './testing/inject-session.ts';

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];
/** Demo accounts by role, to call a route as someone who holds the role and as someone who does not. */
const ACCOUNTS: Partial<Record<Role, string>> = {
  applicant: 'applicant@demo.ssb.local',
  recommender: 'recommender@demo.ssb.local',
  office: 'office@demo.ssb.local',
  expert: 'expert@demo.ssb.local',
  base_manager: 'base@demo.ssb.local',
};
const ZERO_ID = '00000000-0000-4000-8000-000000000000';
/** A concrete URL for a route pattern: ids that name nothing, so only the access rule decides. */
const urlOf = (pattern: string) =>
  pattern.replace(':format', 'xlsx').replace(/:[A-Za-z]+/g, ZERO_ID).replace('/*', `/${ZERO_ID}`) + (pattern.includes('summary') || pattern.includes('register/') ? '?campaignId=' + ZERO_ID + '&batchYear=2022' : '');

describe('HTTP routes outside tRPC follow the policy table', () => {
  let platform: Awaited<ReturnType<typeof createServer>>;
  let database: ReturnType<typeof createDatabase>;
  const sessions = new Map<Role, Record<string, string>>();
  /** A visitor without a session who still sends the CSRF pair, as the apps do, so only the access rule decides. */
  let anonymousHeaders: Record<string, string> = {};
  beforeAll(async () => {
    database = createDatabase({});
    platform = await createServer({ database, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ssb-route-policy-')), LOG_LEVEL: 'silent', SERVE_APPS: false } });
    await platform.server.ready();
    for (const [role, email] of Object.entries(ACCOUNTS)) sessions.set(role as Role, (await injectSession(platform.server, email)).headers);
    const first = await platform.server.inject('/healthz');
    const csrf = [first.headers['set-cookie']].flat().find((c) => c?.startsWith('ssb_csrf='))!.split(';')[0]!.slice('ssb_csrf='.length);
    anonymousHeaders = { cookie: `ssb_csrf=${csrf}`, 'x-csrf-token': csrf };
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.close();
  });

  /** The server's routes as the table names them: `ALL` for a route of every method; HEAD beside its GET is Fastify's own. */
  const routesInCode = () => {
    const byUrl = new Map<string, Set<string>>();
    for (const entry of platform.routes) {
      const [method, url] = entry.split(' ') as [string, string];
      if (url.startsWith('/trpc')) continue;
      byUrl.set(url, (byUrl.get(url) ?? new Set()).add(method));
    }
    return [...byUrl].flatMap(([url, methods]) => {
      if (ALL_METHODS.every((m) => methods.has(m))) return [`ALL ${url}`];
      return [...methods].filter((m) => !(m === 'HEAD' && methods.has('GET'))).map((m) => `${m} ${url}`);
    });
  };

  it('names every route, and only routes that exist', () => {
    const inCode = routesInCode().sort();
    expect(inCode.filter((r) => !ROUTE_POLICY[r])).toEqual([]);
    expect(Object.keys(ROUTE_POLICY).filter((r) => !inCode.includes(r))).toEqual([]);
  });

  const call = (route: string, headers: Record<string, string> = {}) => {
    const [method, pattern] = route.split(' ') as [string, string];
    return platform.server.inject({ method: (method === 'ALL' ? 'HEAD' : method) as 'GET', url: urlOf(pattern), headers: { 'sec-fetch-site': 'same-origin', 'tus-resumable': '1.0.0', ...headers } });
  };
  const denied = (status: number) => status === 401 || status === 403;
  const withRole = (who: Who) => (Array.isArray(who) ? (who as Role[]).find((r) => ACCOUNTS[r]) : undefined);
  const withoutRole = (who: Who) => (Array.isArray(who) ? (Object.keys(ACCOUNTS) as Role[]).find((r) => !(who as Role[]).includes(r)) : undefined);

  it.each(Object.entries(ROUTE_POLICY))('%s: callers outside its rule are refused, those inside are not', async (route, rule) => {
    const anonymous = await call(route, anonymousHeaders);
    if (rule.who === 'public') expect(denied(anonymous.statusCode)).toBe(false);
    else expect(anonymous.statusCode).toBe(401);
    if (rule.who === 'signed-in') expect(denied((await call(route, sessions.get('applicant')!)).statusCode)).toBe(false);
    const inside = withRole(rule.who);
    if (inside) expect(denied((await call(route, sessions.get(inside)!)).statusCode)).toBe(false);
    const outside = withoutRole(rule.who);
    // A role outside the rule is refused, or told the thing does not exist (ids are never confirmed to strangers).
    if (outside) expect([401, 403, 404]).toContain((await call(route, sessions.get(outside)!)).statusCode);
  });
});
