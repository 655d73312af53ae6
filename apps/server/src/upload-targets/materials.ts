import { assertMayUpload, beginMaterialUpload, MaterialRefusedError, registerMaterial } from '@ssb/api';
import { formatBytes, MEDIA_MESSAGES, MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import { cleanName, refuse, refuseWith, type UploadMetadata, type UploadTarget } from './target.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(metadata: UploadMetadata) {
  const kind = metadata?.kind;
  const applicationId = metadata?.applicationId ?? '';
  if (kind !== 'photo' && kind !== 'video') refuse(400, '上传请求缺少材料类型');
  if (!UUID.test(applicationId)) refuse(400, '上传请求缺少申报编号');
  return { kind: kind as MediaKind, applicationId, filename: cleanName(metadata?.filename) };
}

/** An application's photo or video, sent by the signed-in applicant of that application. */
export const materialTarget: UploadTarget = {
  async mayCreate(deps, viewer, metadata, upload) {
    const { kind, applicationId } = parse(metadata);
    // The declared size gives a fast answer before any byte is sent.
    const bytes = upload.declaredBytes;
    if (kind === 'photo' && bytes < MEDIA_RULES.photo.minBytes) refuse(422, MEDIA_MESSAGES.photoTooSmall(bytes));
    if (bytes > MEDIA_RULES[kind].maxBytes) refuse(413, `文件大小 ${formatBytes(bytes)}，超过 ${formatBytes(MEDIA_RULES[kind].maxBytes)}`);
    try {
      await beginMaterialUpload(deps.db, viewer, { uploadId: upload.id, applicationId, kind, declaredBytes: bytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'TOO_MANY_REQUESTS') refuseWith(error);
      refuse(403, (error as Error).message);
    }
  },
  async mayContinue(deps, viewer, metadata) {
    const { kind, applicationId } = parse(metadata);
    try {
      await assertMayUpload(deps.db, viewer, { applicationId, kind });
    } catch (error) {
      refuse(403, (error as Error).message);
    }
  },
  async finish(deps, viewer, metadata, upload) {
    const { kind, applicationId, filename } = parse(metadata);
    try {
      const material = await registerMaterial(deps, viewer, { applicationId, kind, originalName: filename, tempPath: upload.tempPath, uploadId: upload.id });
      return { headers: { 'X-Material-Id': material.id } };
    } catch (error) {
      if (error instanceof MaterialRefusedError) refuse(422, error.message, error.check.errors);
      return refuse(400, (error as Error).message);
    }
  },
};
