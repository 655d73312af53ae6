import { ensureMaterialThumbnail, ensureStrippedCopy, isAssignedExpertOf, loadApplicationFor, type ApiDeps } from '@ssb/api';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendStoredFile } from './send-stored-file.ts';
import { viewerFromRequest } from './viewer.ts';

const CONTENT_TYPES: Record<string, string> = { jpeg: 'image/jpeg', mp4: 'video/mp4', mov: 'video/quicktime' };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const FILE_MESSAGES = {
  notFound: '文件不存在或无权查看',
  missing: '文件不存在',
  unavailable: '文件服务暂时不可用，请稍后重试',
  unstrippable: '该文件暂时无法查看，请联系工作人员',
} as const;

type Viewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
type Material = typeof schema.materials.$inferSelect;

/**
 * Who may see the material, and whether they may have the original as uploaded: the unit that sent
 * it and the office may (`?original=1`); recommenders and assigned experts get the copy without
 * metadata only. Null: not found, so ids cannot be probed.
 */
async function accessTo(deps: ApiDeps, viewer: Viewer, material: Material): Promise<{ mayHaveOriginal: boolean } | null> {
  try {
    const { relation } = await loadApplicationFor(deps.db, material.applicationId, viewer);
    return { mayHaveOriginal: relation === 'applicant' || relation === 'office' };
  } catch (error) {
    if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
  }
  // Experts read the materials of the nominations assigned to them, and of no other.
  const isExpert = viewer.grants.some((g) => g.role === 'expert');
  return isExpert && (await isAssignedExpertOf(deps.db, viewer.userId, material.applicationId)) ? { mayHaveOriginal: false } : null;
}

/** Never a 500 from a file route: a failure of the database or the store is "try again later". */
export async function answerFailure(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  request.log.error({ err: error }, 'file route failed');
  if (reply.sent) return reply;
  return reply.code(503).header('retry-after', '30').send({ error: { code: 'SERVICE_UNAVAILABLE', message: FILE_MESSAGES.unavailable } });
}

/**
 * Stored materials, to whoever may see their application; byte ranges so videos play and seek in
 * the page. Everyone gets the copy without EXIF, XMP or container tags (made on first read for
 * materials kept before copies existed), so blind review cannot be undone by a file's metadata.
 */
export function registerFileRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get<{ Params: { id: string }; Querystring: { original?: string; size?: string } }>('/files/materials/:id', async (request, reply) => {
    const notFound = (message: string = FILE_MESSAGES.notFound) => reply.code(404).send({ error: { code: 'NOT_FOUND', message } });
    try {
      const found = await viewerFromRequest(deps.db, request);
      if (!found) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: '请先登录' } });
      if (!UUID.test(request.params.id)) return notFound();
      const material = await deps.db.query.materials.findFirst({ where: eq(schema.materials.id, request.params.id) });
      if (!material) return notFound();
      const access = await accessTo(deps, found.viewer, material);
      if (!access) return notFound();
      const wantsOriginal = access.mayHaveOriginal && request.query.original === '1';
      if ((await deps.files.size(material.storageKey)) === null) return notFound(FILE_MESSAGES.missing);
      let key = material.storageKey;
      if (!wantsOriginal) {
        try {
          key = await ensureStrippedCopy(deps, material);
        } catch (error) {
          request.log.error({ err: error, materialId: material.id }, 'stripping a material failed');
          return reply.code(422).send({ error: { code: 'UNPROCESSABLE_CONTENT', message: FILE_MESSAGES.unstrippable } });
        }
      }
      // Lists show photos small: `?size=thumb` sends a ≤ 480 px JPEG made from the copy without metadata.
      const thumbnail = !wantsOriginal && request.query.size === 'thumb' && material.format === 'jpeg' ? await ensureMaterialThumbnail(deps.files, key, request.log) : null;
      if (thumbnail) key = thumbnail;
      const size = await deps.files.size(key);
      if (size === null) return notFound(FILE_MESSAGES.missing);
      reply.header('content-type', CONTENT_TYPES[material.format] ?? 'application/octet-stream');
      reply.header('cache-control', 'private, max-age=3600');
      return await sendStoredFile(request, reply, deps.files, key, size);
    } catch (error) {
      return answerFailure(request, reply, error);
    }
  });
}
