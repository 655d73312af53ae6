import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { UPLOAD_BYTES_IN_FLIGHT_PER_USER, UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import { count, eq, lt, sql, sum } from 'drizzle-orm';
import { userError } from '../errors.ts';

/**
 * Holds a transaction-scoped lock on one owner (an application's photos, a resource's videos) or
 * one account, so counting and inserting under it cannot interleave with another request's.
 */
export async function lockKey(tx: DbOrTx, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

export type UploadReservation = {
  id: string;
  userId: string;
  target: string;
  ownerKey: string;
  declaredBytes: number;
  maxCount: number;
  tooMany: string;
  /** The files already kept for this owner, read inside the reservation's transaction. */
  countStored: (tx: DbOrTx) => Promise<number>;
};

/**
 * Records a new resumable upload, refusing it when the owner's stored files and unfinished uploads
 * already fill its allowance, or the account's unfinished uploads would exceed their byte quota.
 * Counting and the insert run under the owner's and the account's locks, so parallel creations
 * cannot all squeeze in.
 */
export async function reserveUpload(db: Database, input: UploadReservation) {
  await db.transaction(async (tx) => {
    await lockKey(tx, input.ownerKey);
    await lockKey(tx, `user:${input.userId}`);
    const [owner] = await tx.select({ n: count() }).from(schema.uploadsInFlight).where(eq(schema.uploadsInFlight.ownerKey, input.ownerKey));
    if ((await input.countStored(tx)) + (owner?.n ?? 0) >= input.maxCount) throw userError('BAD_REQUEST', input.tooMany);
    const [mine] = await tx.select({ bytes: sum(schema.uploadsInFlight.declaredBytes) }).from(schema.uploadsInFlight).where(eq(schema.uploadsInFlight.userId, input.userId));
    if (Number(mine?.bytes ?? 0) + input.declaredBytes > UPLOAD_BYTES_IN_FLIGHT_PER_USER) {
      throw userError('TOO_MANY_REQUESTS', UPLOAD_MESSAGES.tooMuchInFlight(UPLOAD_BYTES_IN_FLIGHT_PER_USER));
    }
    await tx.insert(schema.uploadsInFlight).values({ id: input.id, userId: input.userId, target: input.target, ownerKey: input.ownerKey, declaredBytes: input.declaredBytes });
  });
}

/** The upload finished, was refused or was cancelled: it no longer counts. */
export async function releaseUpload(db: DbOrTx, id: string) {
  await db.delete(schema.uploadsInFlight).where(eq(schema.uploadsInFlight.id, id));
}

/** A chunk arrived: the upload is alive. */
export async function touchUpload(db: DbOrTx, id: string) {
  await db.update(schema.uploadsInFlight).set({ lastActivityAt: new Date() }).where(eq(schema.uploadsInFlight.id, id));
}

/** Unfinished uploads with no chunk since `before`, oldest first. */
export async function idleUploads(db: DbOrTx, before: Date, limit = 500) {
  return db
    .select({ id: schema.uploadsInFlight.id })
    .from(schema.uploadsInFlight)
    .where(lt(schema.uploadsInFlight.lastActivityAt, before))
    .orderBy(schema.uploadsInFlight.lastActivityAt)
    .limit(limit);
}

/** Whether an upload id is recorded as in flight (uploads begun before the record existed are not). */
export async function isUploadRecorded(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: schema.uploadsInFlight.id }).from(schema.uploadsInFlight).where(eq(schema.uploadsInFlight.id, id));
  return Boolean(row);
}
