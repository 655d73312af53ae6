import { AUTH_MESSAGES } from '@ssb/domain/auth-messages';
import { EMAIL_VERIFICATION_TTL_HOURS, type TRegisterInput } from '@ssb/domain/accounts';
import type { DbOrTx } from '@ssb/db';
import { dummyPasswordHash, hashPassword, schema, verifyPassword } from '@ssb/db';
import { eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { authMails, queueAuthMail } from './mails.ts';
import { enforceRateLimits } from './rate-limit.ts';
import { issueAccountToken } from './tokens.ts';
import { isUniqueViolation } from './unique-violation.ts';

const { organizations, users, memberships } = schema;

export const USCC_TAKEN_MESSAGE = AUTH_MESSAGES.usccTaken;

/** Sends a fresh verification link to an account still waiting for one. */
export async function sendVerificationLink(db: DbOrTx, publicUrl: string, user: { id: string; name: string; email: string }) {
  const token = await issueAccountToken(db, { userId: user.id, purpose: 'email_verification', ttlMs: EMAIL_VERIFICATION_TTL_HOURS * 3600_000 });
  const mail = authMails.verification(user.name, `${publicUrl}/portal/verify-email?token=${token}`);
  await queueAuthMail(db, user.email, mail.title, mail.text);
}

/** What the address already holds gets a mail saying so, never a different answer on the page. */
async function tellExistingAddress(db: DbOrTx, publicUrl: string, user: typeof users.$inferSelect) {
  if (user.status === 'unverified') return sendVerificationLink(db, publicUrl, user);
  const mail = authMails.alreadyRegistered(user.name, `${publicUrl}/portal/login`, `${publicUrl}/portal/forgot-password`);
  await queueAuthMail(db, user.email, mail.title, mail.text);
}

/**
 * An applicant unit registers itself together with its first user, who becomes its applicant once
 * the emailed link proves the address. The answer is the same whether or not the address is taken.
 */
export async function registerOrganization(deps: ApiDeps, input: TRegisterInput, meta: { ip: string }) {
  const { db, config } = deps;
  const email = input.user.email;
  await enforceRateLimits(db, [
    { key: limitKey('register-ip', meta.ip), ...AUTH_LIMITS.registerPerIp },
    { key: limitKey('register-email', email), ...AUTH_LIMITS.registerPerEmail },
  ]);
  const [takenUscc] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, input.organization.uscc));
  if (takenUscc) throw userError('CONFLICT', USCC_TAKEN_MESSAGE);
  const existing = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (existing) {
    // Costs what a hash would, so the answer takes as long as for a new address; nothing is stored.
    await verifyPassword(await dummyPasswordHash(), input.user.password);
    await tellExistingAddress(db, config.publicUrl, existing);
    return { email };
  }

  const passwordHash = await hashPassword(input.user.password);
  try {
    await db.transaction(async (tx) => {
      const [organization] = await tx.insert(organizations).values(input.organization).returning();
      const [user] = await tx
        .insert(users)
        .values({ email, name: input.user.name, mobile: input.user.mobile, passwordHash, status: 'unverified' })
        .returning();
      await tx.insert(memberships).values({ userId: user!.id, organizationId: organization!.id, role: 'applicant' });
      await sendVerificationLink(tx, config.publicUrl, user!);
      await appendAudit(tx, {
        actorUserId: user!.id,
        action: 'organization.registered',
        entityType: 'organization',
        entityId: organization!.id,
        data: { name: organization!.name, uscc: organization!.uscc },
      });
    });
  } catch (error) {
    // Another registration took the code or the address between the checks and the insert.
    if (!isUniqueViolation(error)) throw error;
    const [raced] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, input.organization.uscc));
    if (raced) throw userError('CONFLICT', USCC_TAKEN_MESSAGE);
  }
  return { email };
}
