import { DomainError } from '@ssb/domain/errors';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { publicProcedure } from './procedures.ts';
import { createCallerFactory, createTRPCRouter } from './trpc.ts';
import type { Context } from './context.ts';

// A router of its own: what a service throws, and what the client then receives.
const router = createTRPCRouter({
  refuse: publicProcedure.query(() => {
    throw new DomainError('CONFLICT', '已被他人修改，请刷新后再试', { conflict: { serverVersion: 3 } });
  }),
  fields: publicProcedure.query(() => {
    throw new DomainError('BAD_REQUEST', '本次未保存', { issues: [{ path: 'data.name', message: '请填写名称' }] });
  }),
  crash: publicProcedure.query(() => {
    throw new Error('relation "x" does not exist');
  }),
});
const caller = createCallerFactory(router)({ user: null, requestId: 'req-1' } as unknown as Context);

describe('domain errors through tRPC', () => {
  it('keeps a service refusal’s code, message and the server’s copy of a conflicting edit', async () => {
    const error = await caller.refuse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: '已被他人修改，请刷新后再试' });
    expect(((error as TRPCError).cause as DomainError).conflict).toEqual({ serverVersion: 3 });
  });

  it('passes the fields at fault on, so forms mark them', async () => {
    const error = await caller.fields().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(((error as TRPCError).cause as DomainError).issues).toEqual([{ path: 'data.name', message: '请填写名称' }]);
  });

  it('leaves any other error internal', async () => {
    await expect(caller.crash()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('message keys', () => {
  it('sends the catalogue’s key with a catalogued message, so pages translate the key and not the Chinese text', async () => {
    const { AUTH_MESSAGES } = await import('@ssb/domain/auth-messages');
    const keyed = createTRPCRouter({
      wrongPassword: publicProcedure.mutation(() => {
        throw new DomainError('BAD_REQUEST', AUTH_MESSAGES.wrongCurrentPassword);
      }),
      uncatalogued: publicProcedure.mutation(() => {
        throw new DomainError('CONFLICT', '该活动已取消');
      }),
    });
    const { t } = await import('./trpc.ts');
    const formatted = async (call: () => Promise<unknown>) => {
      const error = (await call().catch((e: unknown) => e)) as TRPCError;
      return t._config.errorFormatter({ error, type: 'mutation', path: 'x', input: undefined, ctx: undefined, shape: { message: error.message, code: -32600, data: { code: error.code, httpStatus: 400, path: 'x' } } } as never) as { data: { messageKey: string | null } };
    };
    const keyedCaller = createCallerFactory(keyed)({ user: null, requestId: 'req-2' } as unknown as Context);
    expect((await formatted(() => keyedCaller.wrongPassword())).data.messageKey).toBe('wrongCurrentPassword');
    expect((await formatted(() => keyedCaller.uncatalogued())).data.messageKey).toBeNull();
  });
});
