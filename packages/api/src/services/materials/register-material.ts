import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { MEDIA_RULES, type MediaCheckResult, type MediaKind } from '@ssb/domain/media';
import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { checkMedia } from '@ssb/media';
import { DomainError } from '@ssb/domain/errors';
import { and, eq, max } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { loadApplicationFor, type Viewer } from '../applications/access.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { assertApplicantMayEdit } from '../intake/correction.ts';
import { countMaterials, tooManyMessage } from './material-rules.ts';
import { strippedKeyOf, stripToSibling } from './stripped-copy.ts';
import { lockKey, releaseUpload, reserveUpload } from './uploads-in-flight.ts';

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

export class MaterialRefusedError extends DomainError {
  constructor(readonly check: MediaCheckResult) {
    super('BAD_REQUEST', check.errors.join('；'));
  }
}

/** What a material upload counts against: the application's photos, or its videos. */
export const materialOwnerKey = (applicationId: string, kind: MediaKind) => `application:${applicationId}:${kind}`;

/**
 * A new resumable upload of a material: the viewer may upload to the application, and its kept
 * files plus its unfinished uploads leave room for one more (see reserveUpload).
 */
export async function beginMaterialUpload(db: Database, viewer: Viewer, input: { uploadId: string; applicationId: string; kind: MediaKind; declaredBytes: number }) {
  await assertMayUpload(db, viewer, input);
  await reserveUpload(db, {
    id: input.uploadId,
    userId: viewer.userId,
    target: 'material',
    ownerKey: materialOwnerKey(input.applicationId, input.kind),
    declaredBytes: input.declaredBytes,
    maxCount: MEDIA_RULES[input.kind].maxCount,
    tooMany: tooManyMessage(input.kind),
    countStored: (tx) => countMaterials(tx, input.applicationId, input.kind),
  });
}

const UNSTRIPPABLE = '无法处理该文件中的拍摄信息，请重新导出后上传';

/**
 * A finished upload becomes a material only when its bytes pass the notice's checks; otherwise the
 * file is removed and the reasons are returned. Either way nothing else on the form is touched.
 * Beside the original (for the office and the unit) a copy without metadata is kept for everyone
 * else. The count, the next sort order and the insert run under the owner's lock, so parallel
 * finishes never exceed the limit or share a place; the upload stops counting as in flight with it.
 */
export async function registerMaterial(
  deps: ApiDeps,
  viewer: Viewer,
  input: { applicationId: string; kind: MediaKind; originalName: string; tempPath: string; uploadId?: string },
) {
  const { db, files } = deps;
  try {
    await assertMayUpload(db, viewer, input);
    const check = await checkMedia(input.tempPath, input.kind);
    if (!check.ok) throw new MaterialRefusedError(check);
    const stripped = await stripToSibling(input.tempPath, check.format).catch(() => {
      throw new MaterialRefusedError({ ...check, ok: false, errors: [UNSTRIPPABLE] });
    });
    const sha256 = await sha256Of(input.tempPath);
    const id = randomUUID();
    const key = `materials/${input.applicationId}/${id}.${check.format === 'jpeg' ? 'jpg' : check.format}`;
    await files.putFile(key, input.tempPath);
    await files.putFile(strippedKeyOf(key), stripped);
    try {
      return await db.transaction(async (tx) => {
        await lockKey(tx, materialOwnerKey(input.applicationId, input.kind));
        if ((await countMaterials(tx, input.applicationId, input.kind)) >= MEDIA_RULES[input.kind].maxCount) throw userError('BAD_REQUEST', tooManyMessage(input.kind));
        const [{ last } = { last: 0 }] = await tx
          .select({ last: max(schema.materials.sortOrder) })
          .from(schema.materials)
          .where(and(eq(schema.materials.applicationId, input.applicationId), eq(schema.materials.kind, input.kind)));
        const [row] = await tx
          .insert(schema.materials)
          .values({
            id,
            applicationId: input.applicationId,
            kind: input.kind,
            format: check.format,
            originalName: input.originalName.slice(0, 200),
            storageKey: key,
            strippedStorageKey: strippedKeyOf(key),
            bytes: check.bytes,
            sha256,
            width: check.width,
            height: check.height,
            durationSeconds: check.durationSeconds,
            sortOrder: (last ?? 0) + 1,
            uploadedBy: viewer.userId,
          })
          .returning();
        await appendAudit(tx, {
          actorUserId: viewer.userId,
          action: 'material.added',
          entityType: 'application',
          entityId: input.applicationId,
          data: { materialId: id, kind: input.kind, sha256, bytes: check.bytes },
        });
        if (input.uploadId) await releaseUpload(tx, input.uploadId);
        return row!;
      });
    } catch (error) {
      await files.delete(key).catch(() => undefined);
      await files.delete(strippedKeyOf(key)).catch(() => undefined);
      throw error;
    }
  } finally {
    await rm(input.tempPath, { force: true });
    await rm(`${input.tempPath}-stripped`, { force: true });
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
  if (material.strippedStorageKey) await deps.files.delete(material.strippedStorageKey);
}

export async function listMaterials(db: DbOrTx, viewer: Viewer, applicationId: string) {
  const { application } = await loadApplicationFor(db, applicationId, viewer);
  const rows = await db.query.materials.findMany({
    where: eq(schema.materials.applicationId, application.id),
    orderBy: (m, { asc }) => [asc(m.kind), asc(m.sortOrder)],
  });
  return rows.map(({ storageKey: _key, strippedStorageKey: _stripped, ...rest }) => ({ ...rest, url: `/files/materials/${rest.id}`, thumbUrl: `/files/materials/${rest.id}?size=thumb` }));
}
