import { assertMayContinueResourceVideo, beginResourceVideoUpload, attachResourceVideo, ResourceVideoRefusedError } from '@ssb/api';
import { cleanName, refuse, refuseWith, type UploadMetadata, type UploadTarget } from './target.ts';

function parse(metadata: UploadMetadata) {
  const resourceId = metadata?.resourceId ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(resourceId)) refuse(400, '上传请求缺少资源编号');
  return { resourceId, filename: cleanName(metadata?.filename) };
}

/**
 * A video shown with a shared resource, sent by a manager of the resource's base (the same rule as
 * its images). The finished file answers 200 with the resource's new media list and version, so
 * the editor shows it without asking again.
 */
export const resourceVideoTarget: UploadTarget = {
  async mayCreate(deps, viewer, metadata, upload) {
    const { resourceId } = parse(metadata);
    try {
      await beginResourceVideoUpload(deps.db, viewer, { uploadId: upload.id, resourceId, declaredBytes: upload.declaredBytes });
    } catch (error) {
      refuseWith(error, error instanceof ResourceVideoRefusedError ? error.errors : undefined);
    }
  },
  async mayContinue(deps, viewer, metadata) {
    const { resourceId } = parse(metadata);
    try {
      await assertMayContinueResourceVideo(deps.db, viewer, { resourceId });
    } catch (error) {
      refuseWith(error);
    }
  },
  async finish(deps, viewer, metadata, upload) {
    const { resourceId, filename } = parse(metadata);
    try {
      const saved = await attachResourceVideo(deps, viewer, { resourceId, name: filename, tempPath: upload.tempPath, uploadId: upload.id });
      return {
        status_code: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Resource-Version': saved.version },
        body: JSON.stringify(saved),
      };
    } catch (error) {
      return refuseWith(error, error instanceof ResourceVideoRefusedError ? error.errors : undefined);
    }
  },
};
