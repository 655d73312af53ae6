import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeError } from './trpc.ts';
import { SERVER_MESSAGE_KEYS, setServerMessageTranslator } from './server-messages.ts';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

describe('shared messages', () => {
  it('has every Chinese message in English too, and nothing extra', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  });
  it('translates every message of the catalogue', () => {
    const english = new Set(keysOf(en));
    for (const key of SERVER_MESSAGE_KEYS) expect(english.has(`serverMessages.${key}`)).toBe(true);
  });
});

describe('describeError', () => {
  it('passes on the server’s Chinese message, field errors, issue paths and a draft conflict', () => {
    const error = new TRPCClientError('提交的内容有误，请按提示修改', {
      result: {
        error: {
          message: '提交的内容有误，请按提示修改',
          code: -32600,
          data: {
            code: 'BAD_REQUEST',
            messageKey: 'inputRejected',
            fieldErrors: { organization: ['统一社会信用代码校验位不正确，请核对'] },
            issues: [{ path: 'organization.uscc', message: '统一社会信用代码校验位不正确，请核对' }],
            conflict: { kind: 'draft_conflict', serverVersion: 3 },
          },
        },
      },
    } as never);
    expect(describeError(error)).toEqual({
      message: '提交的内容有误，请按提示修改',
      code: 'BAD_REQUEST',
      messageKey: 'inputRejected',
      fieldErrors: { organization: ['统一社会信用代码校验位不正确，请核对'] },
      issues: [{ path: 'organization.uscc', message: '统一社会信用代码校验位不正确，请核对' }],
      conflict: { kind: 'draft_conflict', serverVersion: 3 },
    });
  });

  it('says the network failed when fetch could not reach the server', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toMatchObject({ code: 'NETWORK', messageKey: 'network', message: '网络连接失败，请检查网络后重试' });
  });

  it('gives the message, field errors and issues in the interface language, by the catalogue', () => {
    const english = en.serverMessages as Record<string, string>;
    setServerMessageTranslator((key) => english[key] ?? null);
    try {
      const error = new TRPCClientError('提交的内容有误，请按提示修改', {
        result: { error: { message: '提交的内容有误，请按提示修改', code: -32600, data: { code: 'BAD_REQUEST', messageKey: 'inputRejected', fieldErrors: { organization: ['统一社会信用代码校验位不正确，请核对', '本系统不认识的话'] }, issues: [{ path: 'organization.uscc', message: '统一社会信用代码校验位不正确，请核对' }] } } },
      } as never);
      const described = describeError(error);
      expect(described.message).toBe(english.inputRejected);
      expect(described.fieldErrors).toEqual({ organization: [english.usccCheck, '本系统不认识的话'] });
      expect(described.issues).toEqual([{ path: 'organization.uscc', message: english.usccCheck }]);
      expect(describeError(new TypeError('Failed to fetch')).message).toBe(english.network);
    } finally {
      setServerMessageTranslator(() => null);
    }
  });
});
