import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { ACTIVITY_CAMPAIGN_MESSAGES, eventFitsCampaign } from '@ssb/domain/activity-campaigns';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { loadMyEvent, type EventRow } from '../events/load-my-event.ts';

const ac = schema.activityCampaigns;

/** The campaign an event may join, or a refusal when its days do not overlap the campaign's. */
export async function loadFittingCampaign(db: DbOrTx, campaignId: string, event: Pick<EventRow, 'startsAt' | 'endsAt'>) {
  const [campaign] = await db.select().from(ac).where(eq(ac.id, campaignId));
  if (!campaign) throw userError('NOT_FOUND', ACTIVITY_CAMPAIGN_MESSAGES.campaignNotFound);
  if (!eventFitsCampaign(event, campaign)) throw userError('BAD_REQUEST', ACTIVITY_CAMPAIGN_MESSAGES.campaignOutsideDays);
  return campaign;
}

/** Joins (or, with null, leaves) a campaign; the caller has checked who may change the event. */
export async function setEventCampaign(tx: DbOrTx, actorUserId: string, event: EventRow, campaignId: string | null) {
  if (event.status === 'cancelled') throw userError('BAD_REQUEST', ACTIVITY_CAMPAIGN_MESSAGES.campaignEventCancelled);
  if (event.endsAt < new Date()) throw userError('BAD_REQUEST', ACTIVITY_CAMPAIGN_MESSAGES.campaignEventOver);
  if (campaignId === event.activityCampaignId) return event;
  const campaign = campaignId ? await loadFittingCampaign(tx, campaignId, event) : null;
  const [saved] = await tx
    .update(schema.baseEvents)
    .set({ activityCampaignId: campaign?.id ?? null, version: sql`${schema.baseEvents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(schema.baseEvents.id, event.id), eq(schema.baseEvents.version, event.version)))
    .returning();
  if (!saved) throw userError('CONFLICT', '该活动已被他人或在其他页面修改，请刷新后重试');
  await appendAudit(tx, {
    actorUserId,
    action: campaign ? 'event.campaign.join' : 'event.campaign.leave',
    entityType: 'base_event',
    entityId: event.id,
    data: { campaignId: campaign?.id ?? event.activityCampaignId },
  });
  return saved;
}

/** A base manager joins one of the base's events to a campaign, or takes it out (`campaignId: null`). */
export async function joinCampaignAsManager(db: Database, viewer: ManagerViewer, input: { eventId: string; campaignId: string | null }) {
  return db.transaction(async (tx) => {
    const { event } = await loadMyEvent(tx, viewer, input.eventId);
    const [locked] = await tx.select().from(schema.baseEvents).where(eq(schema.baseEvents.id, event.id)).for('update');
    const saved = await setEventCampaign(tx, viewer.userId, locked!, input.campaignId);
    return { id: saved.id, activityCampaignId: saved.activityCampaignId, version: saved.version };
  });
}
