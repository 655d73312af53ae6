import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertMayUpload, MaterialRefusedError, registerMaterial, type ApiDeps } from '@ssb/api';
import { formatBytes, MAX_UPLOAD_BYTES, MEDIA_MESSAGES, MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import { FileStore } from '@tus/file-store';
import { Server as TusServer, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { viewerFromRequest } from './viewer.ts';

type Viewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
type NodeBacked = { runtime?: { node?: { req: IncomingMessage } } };

const refuse = (status: number, message: string, errors: string[] = [message]) => {
  throw { status_code: status, body: JSON.stringify({ message, errors }) };
};

function parseMetadata(upload: Upload) {
  const kind = upload.metadata?.kind;
  const applicationId = upload.metadata?.applicationId ?? '';
  const filename = upload.metadata?.filename ?? '';
  if (kind !== 'photo' && kind !== 'video') refuse(400, '上传请求缺少材料类型');
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) refuse(400, '上传请求缺少申报编号');
  return { kind: kind as MediaKind, applicationId, filename: filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'unnamed' };
}

/**
 * Resumable uploads (tus) at /uploads. Every request is tied to the signed-in applicant of the
 * application named in the upload's metadata; a finished file is checked on its bytes and becomes
 * a material, or is deleted with the reasons sent back.
 */
export async function registerUploads(app: FastifyInstance, deps: ApiDeps, dataDir: string) {
  const directory = join(dataDir, 'uploads');
  const datastore = new FileStore({ directory });
  const viewers = new WeakMap<IncomingMessage, Viewer>();
  const viewerOf = (req: unknown) => {
    const raw = (req as NodeBacked).runtime?.node?.req;
    const viewer = raw ? viewers.get(raw) : undefined;
    if (!viewer) refuse(401, '请先登录');
    return viewer!;
  };

  const tus = new TusServer({
    path: '/uploads',
    datastore,
    relativeLocation: true,
    maxSize: MAX_UPLOAD_BYTES,
    async onUploadCreate(req, upload) {
      const viewer = viewerOf(req);
      const { kind, applicationId } = parseMetadata(upload);
      const rule = MEDIA_RULES[kind];
      // The declared size gives a fast answer before any byte is sent.
      if (upload.size !== undefined) {
        if (kind === 'photo' && upload.size < MEDIA_RULES.photo.minBytes) refuse(422, MEDIA_MESSAGES.photoTooSmall(upload.size));
        if (upload.size > rule.maxBytes) refuse(413, `文件大小 ${formatBytes(upload.size)}，超过 ${formatBytes(rule.maxBytes)}`);
      }
      try {
        await assertMayUpload(deps.db, viewer, { applicationId, kind });
      } catch (error) {
        refuse(403, (error as Error).message);
      }
      return { metadata: upload.metadata };
    },
    async onIncomingRequest(req, uploadId) {
      const viewer = viewerOf(req);
      if (req.method === 'POST' || !uploadId) return;
      // Resuming: only someone who may still upload to that application.
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (!upload) return;
      const { kind, applicationId } = parseMetadata(upload);
      try {
        await assertMayUpload(deps.db, viewer, { applicationId, kind });
      } catch (error) {
        refuse(403, (error as Error).message);
      }
    },
    async onUploadFinish(req, upload) {
      const viewer = viewerOf(req);
      const { kind, applicationId, filename } = parseMetadata(upload);
      try {
        const material = await registerMaterial(deps, viewer, { applicationId, kind, originalName: filename, tempPath: join(directory, upload.id) });
        return { headers: { 'X-Material-Id': material.id } };
      } catch (error) {
        if (error instanceof MaterialRefusedError) refuse(422, error.message, error.check.errors);
        refuse(400, (error as Error).message);
        return {};
      } finally {
        await rm(join(directory, `${upload.id}.json`), { force: true });
      }
    },
  });

  // tus reads the request body itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ message: '请先登录', errors: ['请先登录'] });
    viewers.set(request.raw, found.viewer);
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  app.all('/uploads', handler);
  app.all('/uploads/*', handler);
}
