import type { Role } from '@ssb/domain/roles';
import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';

/** Every procedure declares who may call it; the authorization-matrix test reads this. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };
export type Meta = { access?: Access };

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        message: zodError ? '提交的内容有误，请按提示修改' : shape.message,
        data: {
          ...shape.data,
          conflict: (error.cause as { conflict?: unknown } | undefined)?.conflict ?? null,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
          issues: zodError ? zodError.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
