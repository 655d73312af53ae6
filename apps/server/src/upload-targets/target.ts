import type { ApiDeps } from '@ssb/api';
import { DomainError } from '@ssb/domain/errors';

export type UploadViewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };
export type UploadMetadata = Record<string, string | null> | undefined;
export type FinishResponse = { status_code?: number; headers?: Record<string, string | number>; body?: string };

/**
 * What one kind of resumable upload needs from /uploads. The tus machinery (storage, offsets,
 * resumption, proxy limits) is shared; a target only says who may send what, and what a finished
 * file becomes.
 */
export type UploadTarget = {
  /** Creation: refuse early (rights, room, declared size) before any byte is sent, and record the upload as in flight. */
  mayCreate(deps: ApiDeps, viewer: UploadViewer, metadata: UploadMetadata, upload: { id: string; declaredBytes: number }): Promise<void>;
  /** Every later request of the upload (offset, next chunk, cancel): the viewer still may. */
  mayContinue(deps: ApiDeps, viewer: UploadViewer, metadata: UploadMetadata): Promise<void>;
  /** The last byte is in: the file at tempPath becomes a record, or is deleted and refused. */
  finish(deps: ApiDeps, viewer: UploadViewer, metadata: UploadMetadata, upload: { id: string; tempPath: string }): Promise<FinishResponse>;
};

/** Ends the tus request with a status and `{ message, errors }`, the body every client here reads. */
export const refuse = (status: number, message: string, errors: string[] = [message]): never => {
  throw { status_code: status, body: JSON.stringify({ message, errors }) };
};

const STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 422, TOO_MANY_REQUESTS: 429 };

/** A service's error as a refusal: its code as the HTTP status, its Chinese message as the reason. */
export const refuseWith = (error: unknown, errors?: string[]): never => {
  if (error instanceof DomainError) return refuse(STATUS[error.code] ?? 400, error.message, errors);
  throw error;
};

export const cleanName = (name: string | null | undefined) => (name ?? '').replace(/[\\/\0]/g, '_').slice(0, 200) || 'unnamed';
