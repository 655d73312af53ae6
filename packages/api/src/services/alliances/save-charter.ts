import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { desc, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { sanitizeRichText } from '../resources/sanitize.ts';
import { lockCoordinatedAlliance, type CoordinatorViewer } from './coordinated-alliance.ts';

/** The coordinator saves a new charter version; earlier versions are kept and listed. */
export async function saveCharter(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; charterHtml: string }) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    const bodyHtml = sanitizeRichText(input.charterHtml);
    if (!bodyHtml) throw userError('BAD_REQUEST', '请填写章程');
    const [latest] = await tx.select().from(schema.allianceCharters).where(eq(schema.allianceCharters.allianceId, alliance.id)).orderBy(desc(schema.allianceCharters.version)).limit(1);
    if (latest?.bodyHtml === bodyHtml) throw userError('BAD_REQUEST', '章程没有改动');
    const [row] = await tx.insert(schema.allianceCharters).values({ allianceId: alliance.id, version: (latest?.version ?? 0) + 1, bodyHtml, createdBy: viewer.userId }).returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'alliance.charter_saved', entityType: 'alliance', entityId: alliance.id, data: { version: row!.version } });
    return row!;
  });
}
