import { DocumentPoolBusyError, DocumentRenderTimeoutError } from '@ssb/documents';
import { DomainError } from '@ssb/domain/errors';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { sendExportError } from './export-replies.ts';

describe('a download refused by its service', () => {
  const app = Fastify({ logger: false });
  const refusals: Record<string, () => Error> = {
    conflict: () => new DomainError('CONFLICT', '该申报正在处理，请稍后再下载'),
    limited: () => new DomainError('TOO_MANY_REQUESTS', '下载过于频繁，请稍后再试'),
    busy: () => new DocumentPoolBusyError(),
    slow: () => new DocumentRenderTimeoutError(),
  };
  app.get<{ Params: { kind: string } }>('/download/:kind', async (request, reply) => {
    try {
      throw refusals[request.params.kind]!();
    } catch (error) {
      return sendExportError(reply, error);
    }
  });
  afterAll(() => app.close());

  it('keeps its code and Chinese message instead of becoming a 500', async () => {
    const conflict = await app.inject('/download/conflict');
    expect({ status: conflict.statusCode, body: conflict.json() }).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: '该申报正在处理，请稍后再下载' } } });
    expect((await app.inject('/download/limited')).statusCode).toBe(429);
  });

  it('asks to come back later when every document worker is busy', async () => {
    const busy = await app.inject('/download/busy');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('30');
    expect(busy.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '导出任务较多，请稍后再试' } });
    const slow = await app.inject('/download/slow');
    expect({ status: slow.statusCode, message: slow.json().error.message }).toEqual({ status: 503, message: '文件生成超时，请稍后再试' });
  });
});
