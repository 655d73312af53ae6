import { ROLES, type Role } from '@ssb/domain/roles';
import { listDemoAccounts, seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURE_POLICY, type Who } from './policy.ts';
import { appRouter } from './root.ts';
import { createTestApi, type TestApi } from './testing/harness.ts';
import type { Access } from './trpc.ts';

type AnyProcedure = { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } } };
// At runtime `_def.procedures` is flat: dotted path → procedure.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

/** What the hand-kept table says of a caller: the expectation comes from there, never from the builders. */
function mayCall(who: Who, role: Role | 'anonymous') {
  if (who === 'public') return true;
  if (role === 'anonymous') return false;
  return who === 'signed-in' || who.includes(role);
}
const asAccess = (who: Who): Access => (who === 'public' ? { kind: 'public' } : who === 'signed-in' ? { kind: 'authenticated' } : { kind: 'roles', roles: who });
const sameAccess = (a: Access | undefined, b: Access) =>
  a?.kind === b.kind && (a.kind !== 'roles' || b.kind !== 'roles' || [...a.roles].sort().join() === [...b.roles].sort().join());

async function callAndClassify(caller: unknown, path: string): Promise<'denied-unauthenticated' | 'denied-forbidden' | 'reached'> {
  const fn = path.split('.').reduce<any>((node, key) => node[key], caller);
  try {
    await fn(undefined);
    return 'reached';
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : null;
    if (code === 'UNAUTHORIZED' && !path.startsWith('auth.login')) return 'denied-unauthenticated';
    if (code === 'FORBIDDEN') return 'denied-forbidden';
    return 'reached';
  }
}

describe('authorization policy', () => {
  it('names every procedure, and only procedures that exist', () => {
    const inCode = procedures.map(([path]) => path).sort();
    const inTable = Object.keys(PROCEDURE_POLICY).sort();
    expect(inCode.filter((p) => !PROCEDURE_POLICY[p])).toEqual([]);
    expect(inTable.filter((p) => !inCode.includes(p))).toEqual([]);
    expect(procedures.length).toBeGreaterThan(100);
  });

  it('every builder records the rule the table gives it, and every table line has its row rule in words', () => {
    const differing = procedures
      .filter(([path, p]) => PROCEDURE_POLICY[path] && !sameAccess(p._def.meta?.access, asAccess(PROCEDURE_POLICY[path]!.who)))
      .map(([path, p]) => `${path}: code ${JSON.stringify(p._def.meta?.access)}, table ${JSON.stringify(PROCEDURE_POLICY[path]!.who)}`);
    expect(differing).toEqual([]);
    expect(Object.entries(PROCEDURE_POLICY).filter(([, rule]) => rule.rows.trim().length < 5).map(([path]) => path)).toEqual([]);
  });
});

describe.each(TEST_ENGINES)('authorization matrix on %s', (engine) => {
  let api: TestApi;
  const userByRole = new Map<Role, string>();
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
    for (const account of await listDemoAccounts(api.db)) {
      const user = await api.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, account.email) });
      if (!userByRole.has(account.role)) userByRole.set(account.role, user!.id);
    }
  });
  afterAll(() => api?.close());

  it.each([...ROLES, 'anonymous' as const])('role %s is let through exactly where the policy table says', async (role) => {
    const mismatches: string[] = [];
    for (const [path] of procedures) {
      const rule = PROCEDURE_POLICY[path];
      if (!rule) continue; // reported by the completeness test
      const caller = role === 'anonymous' ? await api.anonymous() : await api.as(userByRole.get(role)!);
      const outcome = await callAndClassify(caller, path);
      const expected = mayCall(rule.who, role);
      if (expected && outcome !== 'reached') mismatches.push(`${path}: expected reached, got ${outcome}`);
      if (!expected && outcome === 'reached') mismatches.push(`${path}: expected denied, was reached`);
      if (!expected && role === 'anonymous' && outcome !== 'denied-unauthenticated') mismatches.push(`${path}: anonymous should get UNAUTHORIZED`);
    }
    expect(mismatches).toEqual([]);
  });
});
