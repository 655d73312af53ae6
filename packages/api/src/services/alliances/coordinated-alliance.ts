import type { DbOrTx } from '@ssb/db';
import { userError } from '../errors.ts';
import { lockAlliance } from './alliance-rows.ts';

export type CoordinatorViewer = { userId: string };

/** The alliance, locked, if the viewer coordinates it and it is approved; otherwise a refusal. */
export async function lockCoordinatedAlliance(tx: DbOrTx, viewer: CoordinatorViewer, allianceId: string) {
  const alliance = await lockAlliance(tx, allianceId);
  if (alliance.coordinatorUserId !== viewer.userId) throw userError('FORBIDDEN', '您不是该联盟的协调人');
  if (alliance.status !== 'approved') throw userError('BAD_REQUEST', '联盟尚未获批，不能管理成员');
  return alliance;
}
