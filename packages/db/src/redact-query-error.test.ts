import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactQueryError, type DatabaseHandle } from './client.ts';
import { organizations } from './schema/index.ts';
import { createTestDatabase, TEST_ENGINES } from './testing.ts';

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the query should fail'), (error: unknown) => error);

/** Everything the log would hold of an error: own fields, message, stack, causes. */
const logged = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return JSON.stringify({ ...error, message: error.message, stack: error.stack }) + logged(error.cause ?? '');
};

describe.each(TEST_ENGINES)('failed queries in the log on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => handle?.close());

  it('keep their SQL and SQLSTATE, never their bound values', async () => {
    const error = await failure(handle.db.execute(sql`select ${'13912345678-mobile'}::int`));
    expect(logged(error)).toContain('13912345678');
    const redacted = redactQueryError(error);
    expect(logged(redacted)).not.toContain('13912345678');
    expect((redacted as Error).message).toMatch(/^Failed query: select \$1::int/);
    expect(((redacted as Error).cause as { code?: string }).code).toMatch(/^22/);
  });

  it('drop the detail of a constraint violation, which repeats the row', async () => {
    const row = { name: '泄露测试馆', uscc: '91110000MA01TEST0X', type: 'museum' as const, districtCode: '110108', address: '北京市', contactName: '王', contactPhone: '13912345678', contactEmail: 'leak@example.org' };
    await handle.db.insert(organizations).values(row);
    const error = await failure(handle.db.insert(organizations).values(row));
    expect(logged(error)).toMatch(/91110000MA01TEST0X/);
    const redacted = redactQueryError(error);
    expect(logged(redacted)).not.toMatch(/91110000MA01TEST0X|13912345678|leak@example/);
    expect(((redacted as Error).cause as { code?: string }).code).toBe('23505');
  });
});
