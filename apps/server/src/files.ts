import { isAssignedExpertOf, loadApplicationFor, type ApiDeps } from '@ssb/api';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const CONTENT_TYPES: Record<string, string> = { jpeg: 'image/jpeg', mp4: 'video/mp4', mov: 'video/quicktime' };

/** Stored materials, to whoever may see their application; byte ranges so videos play and seek in the page. */
export function registerFileRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get<{ Params: { id: string } }>('/files/materials/:id', async (request, reply) => {
    const found = await viewerFromRequest(deps.db, request);
    if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
    const notFound = () => reply.code(404).send({ error: { code: 'NOT_FOUND', message: '文件不存在或无权查看' } });
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) return notFound();
    const material = await deps.db.query.materials.findFirst({ where: eq(schema.materials.id, request.params.id) });
    if (!material) return notFound();
    try {
      await loadApplicationFor(deps.db, material.applicationId, found.viewer);
    } catch {
      // Experts read the materials of the nominations assigned to them, and of no other.
      const isExpert = found.viewer.grants.some((g) => g.role === 'expert');
      if (!isExpert || !(await isAssignedExpertOf(deps.db, found.viewer.userId, material.applicationId))) return notFound();
    }
    const size = await deps.files.size(material.storageKey);
    if (size === null) return notFound();
    reply.header('content-type', CONTENT_TYPES[material.format] ?? 'application/octet-stream');
    reply.header('cache-control', 'private, max-age=3600');
    return sendStoredFile(request, reply, deps.files, material.storageKey, size);
  });
}
