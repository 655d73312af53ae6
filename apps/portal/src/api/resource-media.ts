import { csrfHeaders } from '@ssb/ui/csrf';
import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc } from '@ssb/ui';

export type ResourceMediaSaved = RouterOutputs['resources']['arrangeMedia'];

/** Sends one image's bytes, reporting progress (0–1); resolves with the new gallery and version, or rejects with the server's Chinese message. */
export function uploadResourceImage(input: { resourceId: string; version: number; file: File; onProgress: (fraction: number) => void }) {
  return postImage<ResourceMediaSaved>(`/files/resources/${input.resourceId}`, input);
}

/** POSTs an image's raw bytes to an image-upload route (resource images, base photos) with the version the page holds. */
export function postImage<T>(path: string, input: { version: number; file: File; onProgress: (fraction: number) => void }) {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ version: String(input.version), name: input.file.name });
    xhr.open('POST', `${path}?${query}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && input.onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: { message?: string; code?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(Object.assign(new Error(body.message ?? body.error?.message ?? `上传失败（${xhr.status}）`), { code: body.code }));
    };
    xhr.onerror = () => reject(new Error('网络连接中断，上传失败，请重试'));
    xhr.send(input.file);
  });
}

export const arrangeResourceMedia = (input: RouterInputs['resources']['arrangeMedia']) => trpc.resources.arrangeMedia.mutate(input);
