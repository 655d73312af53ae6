import { createHash } from 'node:crypto';
import type { FormField } from '@ssb/domain';

/**
 * A printed 申报表 must match the electronic one ("纸质材料与电子版材料须保持一致"): every page
 * carries a short code derived from the content, which the office types in or scans to compare.
 * This file has no PDF dependency so the server can verify codes cheaply.
 */
export type ApplicationHashMeta = {
  applicationId: string;
  organizationName: string;
  recommendingBodyName: string;
};

/** JSON with object keys sorted at every level; `undefined` becomes `null` so absent and empty agree. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}

/** Nothing filled in: such a field prints blank, whether it was on the form then or added later. */
const isBlank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * sha256 (hex) of what the applicant filled in, by field key: only the form's own fields count (not
 * stray draft keys), and only those with a value, so a field the office adds later leaves the code
 * of an unchanged application as it was. Fully filled forms hash as before this rule.
 */
export function applicationContentHash(
  fields: readonly Pick<FormField, 'key'>[],
  data: Record<string, unknown>,
  meta: ApplicationHashMeta,
): string {
  const values: Record<string, unknown> = {};
  for (const field of fields) if (!isBlank(data[field.key])) values[field.key] = data[field.key];
  const content = {
    applicationId: meta.applicationId,
    fields: values,
    organizationName: meta.organizationName,
    recommendingBodyName: meta.recommendingBodyName,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHORT_CODE_LENGTH = 10;

/** Crockford base32 of the bytes, most significant bit first, without padding. */
export function crockfordBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** The first 10 Crockford base32 characters (50 bits) of a hex sha256, as `XXXXX-XXXXX`. */
export function shortCodeOf(hash: string): string {
  if (!/^[0-9a-fA-F]{16,}$/.test(hash)) throw new Error('shortCodeOf expects a hex digest');
  const code = crockfordBase32(Buffer.from(hash.slice(0, 16), 'hex')).slice(0, SHORT_CODE_LENGTH);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What a person typed, read the Crockford way: case and hyphens/spaces ignored, I/L read as 1, O as 0.
 * Returns the grouped form, or null when it cannot be a short code.
 */
export function normalizeShortCode(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s\-‐－—_]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (raw.length !== SHORT_CODE_LENGTH || [...raw].some((c) => !CROCKFORD.includes(c))) return null;
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Whether a code read off paper matches the current electronic content. */
export const isShortCodeOf = (input: string, hash: string) => normalizeShortCode(input) === shortCodeOf(hash);

/** The address the QR code on each page opens. */
export function verificationUrl(verifyUrlBase: string, shortCode: string, applicationId: string): string {
  const separator = verifyUrlBase.includes('?') ? '&' : '?';
  return `${verifyUrlBase}${separator}code=${encodeURIComponent(shortCode)}&id=${encodeURIComponent(applicationId)}`;
}
