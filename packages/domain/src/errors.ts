/**
 * A refusal a person can act on, thrown by services with the Chinese message they will read. It knows
 * nothing of tRPC or HTTP: the tRPC layer (`packages/api/src/domain-errors.ts`) and the plain routes map
 * its code to their own status.
 */
export const DOMAIN_ERROR_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS'] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** The fields at fault (`path` as `a.b`), so forms mark each one. */
export type DomainIssue = { path: string; message: string };

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** The fields at fault, when the refusal is about some of them. */
  readonly issues?: DomainIssue[];
  /** The server's copy when a concurrent edit was refused, so the page can show both. */
  readonly conflict?: unknown;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: { issues?: DomainIssue[]; conflict?: unknown } = {},
  ) {
    super(message);
    if (details.issues) this.issues = details.issues;
    if (details.conflict !== undefined) this.conflict = details.conflict;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** The HTTP status of each code, for routes outside tRPC (tRPC has its own, the same). */
export const DOMAIN_ERROR_HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};
