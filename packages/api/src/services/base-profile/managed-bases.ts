import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { userError } from '../errors.ts';

export type ManagerViewer = { userId: string; grants: Array<{ organizationId: string; role: string }> };

/** The organizations in which the viewer is a base manager: the only bases they act for. */
const managedOrganizations = (viewer: ManagerViewer) => viewer.grants.filter((g) => g.role === 'base_manager').map((g) => g.organizationId);

/** The bases the viewer manages, from their grants and never from ids the client sends. */
export async function listManagedBases(db: DbOrTx, viewer: ManagerViewer) {
  const orgs = managedOrganizations(viewer);
  if (orgs.length === 0) return [];
  return db.select().from(schema.bases).where(inArray(schema.bases.organizationId, orgs)).orderBy(asc(schema.bases.number));
}

/** One base the viewer manages, or a Chinese refusal. */
export async function loadManagedBase(db: DbOrTx, viewer: ManagerViewer, baseId: string) {
  const orgs = managedOrganizations(viewer);
  const [base] = orgs.length ? await db.select().from(schema.bases).where(and(eq(schema.bases.id, baseId), inArray(schema.bases.organizationId, orgs))) : [];
  if (!base) throw userError('FORBIDDEN', '您不是该基地的管理员');
  return base;
}

/** The base a request is made for: the one named, or the viewer's only base. */
export async function pickManagedBase(db: DbOrTx, viewer: ManagerViewer, baseId?: string) {
  if (baseId) return loadManagedBase(db, viewer, baseId);
  const bases = await listManagedBases(db, viewer);
  if (bases.length === 0) throw userError('FORBIDDEN', '您的单位尚无已命名的基地');
  if (bases.length > 1) throw userError('BAD_REQUEST', '您管理多个基地，请选择以哪个基地的名义操作');
  return bases[0]!;
}
