import type { IncomingMessage } from 'node:http';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { releaseUpload, touchUpload, type ApiDeps } from '@ssb/api';
import { LARGEST_UPLOAD_BYTES, UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createUploadLocker } from './upload-locker.ts';
import { materialTarget } from './upload-targets/materials.ts';
import { resourceVideoTarget } from './upload-targets/resource-videos.ts';
import { sweepIdleUploads } from './upload-targets/sweep.ts';
import { refuse, type UploadTarget, type UploadViewer } from './upload-targets/target.ts';
import { viewerFromRequest } from './viewer.ts';

type NodeBacked = { runtime?: { node?: { req: IncomingMessage } } };

/**
 * What a finished upload becomes, named by the upload's `target` metadata. Uploads without one are
 * application materials, as they were before resource videos joined.
 */
const TARGETS: Record<string, UploadTarget> = { material: materialTarget, 'resource-video': resourceVideoTarget };

const targetOf = (upload: Upload) => {
  const name = upload.metadata?.target ?? 'material';
  // Own keys only: `__proto__` or `constructor` must not reach Object.prototype.
  return Object.hasOwn(TARGETS, name) ? TARGETS[name]! : refuse(400, UPLOAD_MESSAGES.invalidTarget);
};

const SWEEP_EVERY_MS = 3600_000;

/**
 * Resumable uploads (tus) at /uploads, for every large file the platform takes: one store, one
 * resumption rule, one proxy location. Every request is tied to the signed-in user; the upload's
 * target decides who may send it and what the finished file becomes (a material, a resource's
 * video), or deletes it and sends the reasons back. Each upload is recorded from creation to its
 * end (finished, refused, cancelled, or swept when idle), and counts against its owner's limits and
 * its sender's bytes in flight meanwhile.
 */
export async function registerUploads(app: FastifyInstance, deps: ApiDeps, options: { directory: string; databaseUrl?: string; ownLocks?: boolean }) {
  // Every replica works in the same staging folder (one shared volume) under one lock per upload
  // held in PostgreSQL, so any replica may take the next request of any upload.
  const { directory } = options;
  // Made before the first request and the first readiness check (tus makes it too, without waiting).
  await mkdir(directory, { recursive: true });
  const datastore = new FileStore({ directory });
  const locker = createUploadLocker({ databaseUrl: options.databaseUrl, ...(options.ownLocks ? { holders: new Map() } : {}) });
  app.addHook('onClose', async () => locker.close());
  const viewers = new WeakMap<IncomingMessage, UploadViewer>();
  const viewerOf = (req: unknown) => {
    const raw = (req as NodeBacked).runtime?.node?.req;
    const viewer = raw ? viewers.get(raw) : undefined;
    return viewer ?? refuse(401, '请先登录');
  };

  const tus = new TusServer({
    path: '/uploads',
    datastore,
    locker,
    relativeLocation: true,
    maxSize: LARGEST_UPLOAD_BYTES,
    async onUploadCreate(req, upload) {
      // Without a length nothing can be checked or counted before the bytes arrive.
      if (upload.size === undefined) refuse(400, UPLOAD_MESSAGES.deferredLength);
      await targetOf(upload).mayCreate(deps, viewerOf(req), upload.metadata, { id: upload.id, declaredBytes: upload.size! });
      return { metadata: upload.metadata };
    },
    async onIncomingRequest(req, uploadId) {
      const viewer = viewerOf(req);
      if (req.method === 'POST' || !uploadId) return;
      // Resuming: only someone who may still send this upload.
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (!upload) return;
      await targetOf(upload).mayContinue(deps, viewer, upload.metadata);
      if (req.method === 'PATCH') await touchUpload(deps.db, uploadId);
    },
    async onUploadFinish(req, upload) {
      try {
        return await targetOf(upload).finish(deps, viewerOf(req), upload.metadata, { id: upload.id, tempPath: join(directory, upload.id) });
      } finally {
        // The bytes were moved into the FileStore or deleted: the upload's record goes too.
        await rm(join(directory, upload.id), { force: true });
        await rm(join(directory, `${upload.id}.json`), { force: true });
        await releaseUpload(deps.db, upload.id).catch(() => undefined);
      }
    },
  });
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => {
    releaseUpload(deps.db, id).catch((error: unknown) => app.log.warn({ err: error }, 'releasing a cancelled upload failed'));
  });

  const sweep = () => sweepIdleUploads(deps.db, directory).catch((error: unknown) => app.log.warn({ err: error }, 'sweeping idle uploads failed'));
  const sweeping = setInterval(sweep, SWEEP_EVERY_MS);
  sweeping.unref();
  app.addHook('onReady', async () => void sweep());
  app.addHook('onClose', async () => clearInterval(sweeping));

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
