import { ROLES } from '@ssb/domain/roles';
import { seedDemo, seedUser } from '@ssb/db/seed';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { createTestApi, type TestApi } from './testing/harness.ts';

type AnyProcedure = { _def: { type: string } };
const paths = Object.keys(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

/** Inputs a careless or hostile client might send: wrong types, wrong shapes, huge strings, ids that are not ids. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.record({ applicationId: fc.oneof(fc.string(), fc.uuid(), fc.integer()), campaignId: fc.oneof(fc.string(), fc.uuid()), version: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ email: fc.string(), password: fc.string({ maxLength: 300 }), page: fc.integer(), pageSize: fc.integer() }, { requiredKeys: [] }),
  fc.string({ maxLength: 5000 }),
);

describe('bad input gets a clear error, never a 500', () => {
  let api: TestApi;
  let caller: Awaited<ReturnType<TestApi['as']>>;
  beforeAll(async () => {
    api = await createTestApi('pglite');
    await seedDemo(api.db);
    const office = await api.db.query.organizations.findFirst({ where: (o, { like }) => like(o.name, '北京市科技教育中心%') });
    // One user holding every role, so that every procedure gets as far as its input check.
    const user = await seedUser(api.db, { roles: ROLES.map((role) => ({ organizationId: office!.id, role })) });
    caller = await api.as(user.id);
  });
  afterAll(() => api?.close());

  it.each(paths)('%s', async (path) => {
    const fn = path.split('.').reduce<any>((node, key) => node[key], caller); // eslint-disable-line @typescript-eslint/no-explicit-any
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        try {
          await fn(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).not.toBe('INTERNAL_SERVER_ERROR');
          expect((error as TRPCError).message).not.toMatch(/^\s*$/);
        }
      }),
      { numRuns: 25 },
    );
  });
});
