import { ROLES } from '@ssb/domain/roles';
import { makeUscc } from '@ssb/domain/uscc';
import { seedDemo, seedUser } from '@ssb/db/seed';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { createTestApi, type TestApi } from './testing/harness.ts';
import { UNREADABLE_TEXT_MESSAGE } from './unreadable-text.ts';

type AnyProcedure = { _def: { type: string } };
const paths = Object.keys(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

/** Text PostgreSQL cannot store: a NUL byte, or half of a surrogate pair, somewhere in a string. */
const unreadable = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\uDC00b'), fc.string({ maxLength: 20 }))
  .map(([before, bad, after]) => before + bad + after);
/** Dates a date picker never gives: outside PostgreSQL's years, or no date at all. */
const extremeDate = fc.constantFrom('-000001-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '10000-01-01', '0000-00-00', 'junk', '', '9'.repeat(30), '2024-02-30', '+275760-09-13T00:00:00.000Z');
const dateFields = ['from', 'to', 'date', 'startsAt', 'endsAt', 'deadline', 'opensAt', 'closesAt', 'startDate', 'endDate', 'visitDate', 'publishedAt', 'expiresAt'];

/** Inputs a careless or hostile client might send: wrong types, wrong shapes, huge strings, ids that are not ids. */
const junk = fc.oneof(
  fc.dictionary(fc.constantFrom('name', 'title', 'email', 'password', 'note', 'reason', 'content', 'query', 'q', 'body', 'organization'), unreadable),
  fc.dictionary(fc.constantFrom(...dateFields), extremeDate),
  fc.record({ page: fc.constant(1), pageSize: fc.constant(10), from: extremeDate, to: extremeDate }, { requiredKeys: [] }),
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

  it.each(paths)('%s refuses unreadable text before anything else, at its path', async (path) => {
    const fn = path.split('.').reduce<any>((node, key) => node[key], caller); // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const input of [{ name: 'a\u0000b' }, { items: [{ note: '\uD83D' }] }, 'x\u0000']) {
      const error = await fn(input).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: UNREADABLE_TEXT_MESSAGE });
    }
  });
});

describe('unreadable text from an anonymous caller', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('pglite');
  });
  afterAll(() => api?.close());

  it('auth.register with a NUL in the address gets BAD_REQUEST naming the field, not the SQL', async () => {
    const anonymous = await api.anonymous();
    const organization = {
      name: '测试科技馆',
      uscc: makeUscc(6001),
      type: 'museum' as const,
      districtCode: '110108' as const,
      address: '北京市海淀区\u0000测试路1号',
      contactName: '王老师',
      contactPhone: '010-84650077',
      contactEmail: 'museum@example.org',
    };
    const user = { name: '王老师', email: 'nul@example.org', mobile: '13800138000', password: 'Secret-pass-2022' };
    const error = await anonymous.auth.register({ organization, user }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: UNREADABLE_TEXT_MESSAGE });
    expect(((error as TRPCError).cause as { issues?: Array<{ path: string[] }> }).issues?.[0]?.path).toEqual(['organization', 'address']);
    expect(String(error)).not.toMatch(/insert|select|13800138000/i);
  });
});
