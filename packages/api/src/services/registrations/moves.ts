import { schema, type DbOrTx } from '@ssb/db';
import type { RegistrationStatus } from '@ssb/domain/event-registration';

/** Every change of a registration's state is kept with its reason, so the waiting list can be explained. */
export async function recordMove(
  db: DbOrTx,
  move: { registrationId: string; eventId: string; from: RegistrationStatus | null; to: RegistrationStatus; reason: string; actorUserId?: string | null },
) {
  await db.insert(schema.eventRegistrationMoves).values({
    registrationId: move.registrationId,
    eventId: move.eventId,
    fromStatus: move.from,
    toStatus: move.to,
    reason: move.reason,
    actorUserId: move.actorUserId ?? null,
  });
}
