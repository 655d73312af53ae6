import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CODE_ALPHABET, REGISTRATION_LIMITS } from '@ssb/domain/registration-input';

/** A door code people read aloud and type: 6 characters no one misreads. */
export const newDoorCode = () => Array.from({ length: REGISTRATION_LIMITS.codeLength }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The secret of a registration's links; only its sha256 is stored. */
export const newLinkSecret = () => randomBytes(24).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
