import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type AuditContent = {
  at: Date;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
};

export function hashAuditRow(prevHash: string, row: AuditContent) {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ ...row, at: row.at.toISOString() }))
    .digest('hex');
}

/** `prev_hash` of a row written but not yet sealed into the chain (its `hash` is `pending:<uuid>`). */
export const PENDING = 'pending';

/** The action of the rows the chainer writes: each seals a run of pending rows into the chain. */
export const SEAL_ACTION = 'audit.sealed';

/** A pending row's own hash, as its seal lists it: its `seq` and canonical content. */
export function sealedRowHash(seq: number, row: AuditContent) {
  return createHash('sha256')
    .update(`seq ${seq}`)
    .update('\n')
    .update(canonicalJson({ ...row, at: row.at.toISOString() }))
    .digest('hex');
}
