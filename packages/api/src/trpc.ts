import { GENERAL_MESSAGES } from '@ssb/domain/auth-messages';
import { messageKeyOf } from '@ssb/domain/messages';
import type { Role } from '@ssb/domain/roles';
import { initTRPC, type TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';
import { UNREADABLE_TEXT_MESSAGE } from './unreadable-text.ts';

/** Every procedure declares who may call it; the authorization-matrix test reads this. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };
export type Meta = { access?: Access };

export const INTERNAL_ERROR_MESSAGE = '服务器内部错误，请稍后重试';

/** What a person sees for tRPC's own (English) errors; our services' messages are Chinese already. */
const DEFAULT_MESSAGES: Partial<Record<TRPCError['code'], string>> = {
  PARSE_ERROR: '请求的格式有误，请刷新页面后重试',
  BAD_REQUEST: '请求的内容有误，请刷新页面后重试',
  NOT_FOUND: '请求的接口不存在',
  METHOD_NOT_SUPPORTED: '请求的方式不受支持',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNAUTHORIZED: GENERAL_MESSAGES.signInFirst,
  FORBIDDEN: GENERAL_MESSAGES.forbidden,
  TOO_MANY_REQUESTS: GENERAL_MESSAGES.tooManyRequests,
  TIMEOUT: '请求超时，请稍后重试',
};
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The message a client may see: never an internal error's text (SQL, parameters, paths). */
function publicMessage(error: TRPCError, zodError: ZodError | null, requestId: string | undefined) {
  if (error.code === 'INTERNAL_SERVER_ERROR') return requestId ? `${INTERNAL_ERROR_MESSAGE}（编号 ${requestId}）` : INTERNAL_ERROR_MESSAGE;
  if (zodError) return error.message === UNREADABLE_TEXT_MESSAGE ? error.message : GENERAL_MESSAGES.inputRejected;
  if (HAS_CHINESE.test(error.message)) return error.message;
  return DEFAULT_MESSAGES[error.code] ?? INTERNAL_ERROR_MESSAGE;
}

type Issue = { path: string; message: string };

/** A service may refuse with the fields at fault (`cause.issues`), as a schema does, so pages mark each field. */
function issuesOf(cause: unknown): Issue[] | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const valid = issues.filter((i): i is Issue => typeof i?.path === 'string' && typeof i?.message === 'string');
  return valid.length > 0 ? valid : null;
}
const fieldErrorsOf = (issues: Issue[]) => {
  const errors: Record<string, string[]> = {};
  for (const { path, message } of issues) (errors[path.split('.')[0]!] ??= []).push(message);
  return errors;
};

export const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const requestId = ctx?.requestId;
      const serviceIssues = zodError ? null : issuesOf(error.cause);
      const { stack: _stack, ...data } = shape.data;
      const message = publicMessage(error, zodError, requestId);
      return {
        ...shape,
        message,
        data: {
          ...data,
          // The catalogue's key for the message, so pages show it in their own language.
          messageKey: messageKeyOf(message),
          requestId: requestId ?? null,
          conflict: (error.cause as { conflict?: unknown } | undefined)?.conflict ?? null,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : (serviceIssues && fieldErrorsOf(serviceIssues)),
          issues: zodError ? zodError.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : serviceIssues,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
