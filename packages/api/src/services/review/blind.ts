import type { FormField } from '@ssb/domain/application-form';
import { createHash } from 'node:crypto';

/** Field types whose values are contact details or identifiers of the unit. */
const IDENTIFYING_TYPES = new Set(['uscc', 'phone', 'mobile', 'email', 'postcode']);
/** The identity section's fields an expert may still see: they describe, not name, the unit. */
const DESCRIPTIVE_IDENTITY_KEYS = new Set(['unitType', 'category', 'districtCode']);

/**
 * Whether a field is withheld from experts in a blind round: every field of the identity section
 * (names, USCC, address, people, contacts) except unit type, category and district, and any
 * contact or identifier field elsewhere, including fields the office added.
 *
 * Not covered (out of scope, said plainly): free-text answers such as the exhibition outline may
 * name the unit in their own words, and photos or videos may show its name. Blind mode removes
 * the structured identity only.
 */
export const isIdentifyingField = (field: Pick<FormField, 'key' | 'section' | 'type'>) =>
  IDENTIFYING_TYPES.has(field.type) || (field.section === 'identity' && !DESCRIPTIVE_IDENTITY_KEYS.has(field.key));

/** A stable code that stands in for the nomination in a blind round, the same for every expert. */
export const blindCode = (roundId: string, applicationId: string) =>
  `NO-${createHash('sha256').update(`${roundId}:${applicationId}`).digest('hex').slice(0, 6).toUpperCase()}`;
