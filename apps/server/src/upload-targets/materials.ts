import { assertMayUpload, MaterialRefusedError, registerMaterial } from '@ssb/api';
import { formatBytes, MEDIA_MESSAGES, MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import { cleanName, refuse, type UploadMetadata, type UploadTarget } from './target.ts';

function parse(metadata: UploadMetadata) {
  const kind = metadata?.kind;
  const applicationId = metadata?.applicationId ?? '';
  if (kind !== 'photo' && kind !== 'video') refuse(400, '上传请求缺少材料类型');
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) refuse(400, '上传请求缺少申报编号');
  return { kind: kind as MediaKind, applicationId, filename: cleanName(metadata?.filename) };
}

/** An application's photo or video, sent by the signed-in applicant of that application. */
export const materialTarget: UploadTarget = {
  async mayCreate(deps, viewer, metadata, declaredBytes) {
    const { kind, applicationId } = parse(metadata);
    // The declared size gives a fast answer before any byte is sent.
    if (declaredBytes !== undefined) {
      if (kind === 'photo' && declaredBytes < MEDIA_RULES.photo.minBytes) refuse(422, MEDIA_MESSAGES.photoTooSmall(declaredBytes));
      if (declaredBytes > MEDIA_RULES[kind].maxBytes) refuse(413, `文件大小 ${formatBytes(declaredBytes)}，超过 ${formatBytes(MEDIA_RULES[kind].maxBytes)}`);
    }
    try {
      await assertMayUpload(deps.db, viewer, { applicationId, kind });
    } catch (error) {
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
  async finish(deps, viewer, metadata, tempPath) {
    const { kind, applicationId, filename } = parse(metadata);
    try {
      const material = await registerMaterial(deps, viewer, { applicationId, kind, originalName: filename, tempPath });
      return { headers: { 'X-Material-Id': material.id } };
    } catch (error) {
      if (error instanceof MaterialRefusedError) refuse(422, error.message, error.check.errors);
      return refuse(400, (error as Error).message);
    }
  },
};
