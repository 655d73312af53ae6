import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { currentCampaign as pickCurrentCampaign, type DeadlinePhase } from '@ssb/domain/campaign-timetable';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { and, desc, eq } from 'drizzle-orm';
import { userError } from '../errors.ts';

type Campaign = typeof schema.campaigns.$inferSelect;
export type PhaseKey = DeadlinePhase;

/** A phase's window for one recommender: the campaign's dates, unless the office extended it. */
export async function phaseWindow(db: DbOrTx, campaign: Campaign, phase: PhaseKey, recommendingBodyId: string | null) {
  const base = campaign.phases.find((p) => p.key === phase);
  if (!base) return null;
  let endsAt = new Date(base.endsAt);
  if (recommendingBodyId) {
    const [extension] = await db
      .select()
      .from(schema.deadlineExtensions)
      .where(
        and(
          eq(schema.deadlineExtensions.campaignId, campaign.id),
          eq(schema.deadlineExtensions.recommendingBodyId, recommendingBodyId),
          eq(schema.deadlineExtensions.phase, phase),
        ),
      );
    if (extension && extension.endsAt > endsAt) endsAt = extension.endsAt;
  }
  return { startsAt: new Date(base.startsAt), endsAt, isExtended: endsAt.getTime() !== new Date(base.endsAt).getTime() };
}

const PHASE_NAMES: Record<PhaseKey, string> = { application: '申报', recommendation: '推荐' };

/** The server is the judge of deadlines: a late call is refused, saying when the phase ended. */
export async function assertPhaseOpen(db: DbOrTx, campaign: Campaign, phase: PhaseKey, recommendingBodyId: string | null, now = new Date()) {
  const window = await phaseWindow(db, campaign, phase, recommendingBodyId);
  if (!window) throw userError('BAD_REQUEST', `本年度未设置${PHASE_NAMES[phase]}阶段`);
  if (now < window.startsAt) throw userError('BAD_REQUEST', `${PHASE_NAMES[phase]}尚未开始，开始时间：${formatBeijingDateTime(window.startsAt)}`);
  if (now > window.endsAt) throw userError('BAD_REQUEST', `${PHASE_NAMES[phase]}已截止（截止时间：${formatBeijingDateTime(window.endsAt)}）`);
  return window;
}

/** The campaign people are working in, by the domain's one rule (`@ssb/domain/campaign-timetable`). */
export async function currentCampaign(db: DbOrTx, now = new Date()) {
  return pickCurrentCampaign(await db.select().from(schema.campaigns).orderBy(desc(schema.campaigns.year)), now);
}
