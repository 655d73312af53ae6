import { ROLES, type Role } from '@ssb/domain/roles';
import { listDemoAccounts, seedDemo } from '@ssb/db/seed';
import { TEST_ENGINES } from '@ssb/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { createTestApi, type TestApi } from './testing/harness.ts';
import type { Access } from './trpc.ts';

type AnyProcedure = { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } } };
// At runtime `_def.procedures` is flat: dotted path → procedure.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

function isAllowed(access: Access, role: Role | 'anonymous') {
  if (access.kind === 'public') return true;
  if (role === 'anonymous') return false;
  return access.kind === 'authenticated' || access.roles.includes(role);
}

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

describe('authorization matrix', () => {
  it('every procedure declares who may call it', () => {
    const missing = procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path);
    expect(missing).toEqual([]);
    expect(procedures.length).toBeGreaterThan(10);
  });

  it('events: the public reads published ones, only base managers write', () => {
    const events = Object.fromEntries(procedures.filter(([path]) => path.startsWith('events.')).map(([path, p]) => [path, p._def.meta?.access]));
    const manager = { kind: 'roles', roles: ['base_manager'] };
    expect(events).toEqual({
      'events.forBase': { kind: 'public' },
      'events.upcoming': { kind: 'public' },
      'events.browse': { kind: 'public' },
      'events.mine': manager,
      'events.edit': manager,
      'events.create': manager,
      'events.update': manager,
      'events.publish': manager,
      'events.cancel': manager,
    });
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

  it.each([...ROLES, 'anonymous' as const])('role %s is let through exactly where the matrix says', async (role) => {
    const mismatches: string[] = [];
    for (const [path, procedure] of procedures) {
      const caller = role === 'anonymous' ? await api.anonymous() : await api.as(userByRole.get(role)!);
      const outcome = await callAndClassify(caller, path);
      const expected = isAllowed(procedure._def.meta!.access!, role);
      if (expected && outcome !== 'reached') mismatches.push(`${path}: expected reached, got ${outcome}`);
      if (!expected && outcome === 'reached') mismatches.push(`${path}: expected denied, was reached`);
      if (!expected && role === 'anonymous' && outcome !== 'denied-unauthenticated') mismatches.push(`${path}: anonymous should get UNAUTHORIZED`);
    }
    expect(mismatches).toEqual([]);
  });
});
