import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { MEDIA_RULES, type MediaCheckResult, type MediaKind } from '@ssb/domain/media';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { checkMedia } from '@ssb/media';
import { TRPCError } from '@trpc/server';
import { and, eq, max } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { loadApplicationFor, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { assertApplicantMayEdit } from '../intake/correction.ts';
import { countMaterials, tooManyMessage } from './material-rules.ts';

/** Before any byte is sent: the application is the viewer's, still editable, and has room for one more. */
export async function assertMayUpload(db: DbOrTx, viewer: Viewer, input: { applicationId: string; kind: MediaKind }) {
  const { application, relation } = await loadApplicationFor(db, input.applicationId, viewer);
  if (relation !== 'applicant') throw userError('FORBIDDEN', '只有申报单位可以上传材料');
  await assertApplicantMayEdit(db, application, '申报已提交，不能再上传材料。如需修改，请先撤回申报');
  if ((await countMaterials(db, application.id, input.kind)) >= MEDIA_RULES[input.kind].maxCount) {
    throw userError('BAD_REQUEST', tooManyMessage(input.kind));
  }
  return application;
}

/** The sha256 of a file on disk, read as a stream (videos are large). */
export async function sha256Of(path: string) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export class MaterialRefusedError extends TRPCError {
  constructor(readonly check: MediaCheckResult) {
    super({ code: 'BAD_REQUEST', message: check.errors.join('；') });
  }
}

/**
 * A finished upload becomes a material only when its bytes pass the notice's checks; otherwise the
 * file is removed and the reasons are returned. Either way nothing else on the form is touched.
 */
export async function registerMaterial(
  deps: ApiDeps,
  viewer: Viewer,
  input: { applicationId: string; kind: MediaKind; originalName: string; tempPath: string },
) {
  const { db, files } = deps;
  try {
    await assertMayUpload(db, viewer, input);
    const check = await checkMedia(input.tempPath, input.kind);
    if (!check.ok) throw new MaterialRefusedError(check);
    const sha256 = await sha256Of(input.tempPath);
    const id = randomUUID();
    const key = `materials/${input.applicationId}/${id}.${check.format === 'jpeg' ? 'jpg' : check.format}`;
    await files.putFile(key, input.tempPath);
    const [{ last } = { last: 0 }] = await db
      .select({ last: max(schema.materials.sortOrder) })
      .from(schema.materials)
      .where(and(eq(schema.materials.applicationId, input.applicationId), eq(schema.materials.kind, input.kind)));
    const [row] = await db
      .insert(schema.materials)
      .values({
        id,
        applicationId: input.applicationId,
        kind: input.kind,
        format: check.format,
        originalName: input.originalName.slice(0, 200),
        storageKey: key,
        bytes: check.bytes,
        sha256,
        width: check.width,
        height: check.height,
        durationSeconds: check.durationSeconds,
        sortOrder: (last ?? 0) + 1,
        uploadedBy: viewer.userId,
      })
      .returning();
    await appendAudit(db, {
      actorUserId: viewer.userId,
      action: 'material.added',
      entityType: 'application',
      entityId: input.applicationId,
      data: { materialId: id, kind: input.kind, sha256, bytes: check.bytes },
    });
    return row!;
  } finally {
    await rm(input.tempPath, { force: true });
  }
}

export async function deleteMaterial(deps: ApiDeps, viewer: Viewer, materialId: string) {
  const material = await deps.db.query.materials.findFirst({ where: eq(schema.materials.id, materialId) });
  if (!material) throw userError('NOT_FOUND', '材料不存在');
  const { application, relation } = await loadApplicationFor(deps.db, material.applicationId, viewer);
  if (relation !== 'applicant') throw userError('FORBIDDEN', '只有申报单位可以删除材料');
  await assertApplicantMayEdit(deps.db, application, '申报已提交，不能删除材料');
  await deps.db.transaction(async (tx) => {
    await tx.delete(schema.materials).where(eq(schema.materials.id, material.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'material.deleted', entityType: 'application', entityId: application.id, data: { materialId, sha256: material.sha256 } });
  });
  await deps.files.delete(material.storageKey);
}

export async function listMaterials(db: DbOrTx, viewer: Viewer, applicationId: string) {
  const { application } = await loadApplicationFor(db, applicationId, viewer);
  const rows = await db.query.materials.findMany({
    where: eq(schema.materials.applicationId, application.id),
    orderBy: (m, { asc }) => [asc(m.kind), asc(m.sortOrder)],
  });
  return rows.map(({ storageKey: _key, ...rest }) => ({ ...rest, url: `/files/materials/${rest.id}` }));
}
