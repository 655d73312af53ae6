import { AUTH_MESSAGES } from '@ssb/domain/auth-messages';
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import type { Role } from '@ssb/domain/roles';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { userError } from '../errors.ts';

const { accountTokens } = schema;
export type TokenPurpose = (typeof schema.ACCOUNT_TOKEN_PURPOSES)[number];

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const INVALID_LINK_MESSAGE = AUTH_MESSAGES.linkInvalid;

/** Stores the hash of a new one-time token and returns the token for the emailed link. */
export async function issueAccountToken(
  db: DbOrTx,
  input: { userId: string; purpose: TokenPurpose; ttlMs: number; grant?: { organizationId: string; role: Role; grantedBy: string } },
) {
  const token = newToken();
  await db.insert(accountTokens).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    purpose: input.purpose,
    expiresAt: new Date(Date.now() + input.ttlMs),
    ...input.grant,
  });
  return token;
}

const isValid = (token: string, purpose: TokenPurpose) =>
  and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date()));

/** The unused, unexpired token row, or a clear error: checked before any costly work is done. */
export async function findAccountToken(db: DbOrTx, token: string, purpose: TokenPurpose) {
  const [row] = await db.select().from(accountTokens).where(isValid(token, purpose));
  if (!row) throw userError('BAD_REQUEST', INVALID_LINK_MESSAGE);
  return row;
}

/** Consumes a one-time token of the given purpose (once, even when two requests race); returns its row. */
export async function consumeAccountToken(db: DbOrTx, token: string, purpose: TokenPurpose) {
  const [row] = await db.update(accountTokens).set({ usedAt: new Date() }).where(isValid(token, purpose)).returning();
  if (!row) throw userError('BAD_REQUEST', INVALID_LINK_MESSAGE);
  return row;
}

/** Ends every outstanding token of these purposes for a user. */
export async function endAccountTokens(db: DbOrTx, userId: string, purposes: TokenPurpose[]) {
  await db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.userId, userId), inArray(accountTokens.purpose, purposes), isNull(accountTokens.usedAt)));
}
