import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import type { TBaseProfile } from '@ssb/domain/shared-resources';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { loadManagedBase, type ManagerViewer } from './managed-bases.ts';

/** The profile a base manager edits, with the version their edit starts from. */
export async function getMyBaseProfile(db: Database, viewer: ManagerViewer, baseId: string) {
  const base = await loadManagedBase(db, viewer, baseId);
  return {
    id: base.id,
    name: base.name,
    number: base.number,
    category: base.category,
    districtCode: base.districtCode,
    status: base.status,
    introduction: base.introduction,
    address: base.address,
    openingHours: base.openingHours,
    closures: base.closures,
    photos: base.photos,
    bookingInfo: base.bookingInfo,
    phone: base.phone,
    website: base.website,
    scientists: base.scientists,
    version: base.version,
    updatedAt: base.updatedAt,
  };
}

/**
 * Saves the public profile only if nobody saved since the version the editor started from;
 * otherwise nothing is overwritten and the page is told to reload.
 */
export async function updateBaseProfile(db: Database, viewer: ManagerViewer, input: TBaseProfile & { baseId: string; version: number }) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const { baseId: _id, version, ...profile } = input;
    const [saved] = await tx
      .update(schema.bases)
      .set({ ...profile, version: sql`${schema.bases.version} + 1`, updatedAt: new Date() })
      .where(and(eq(schema.bases.id, base.id), eq(schema.bases.version, version)))
      .returning({ version: schema.bases.version, updatedAt: schema.bases.updatedAt });
    if (!saved) throw userError('CONFLICT', '基地信息已被他人或在其他页面修改，为避免覆盖，本次未保存。请刷新后重新编辑');
    await queueSearchUpdate(tx, 'base', base.id);
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'base.profile_updated', entityType: 'base', entityId: base.id, data: { version: saved.version } });
    return saved;
  });
}
