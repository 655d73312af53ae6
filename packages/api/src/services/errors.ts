import { DomainError, type DomainErrorCode } from '@ssb/domain/errors';

/** A failure the user can act on, with the message they will read. Services throw it; the transports map it. */
export const userError = (code: Exclude<DomainErrorCode, 'UNAUTHORIZED'>, message: string) => new DomainError(code, message);
