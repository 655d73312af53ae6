import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { ACTIVITY_CAMPAIGN_MESSAGES } from '@ssb/domain/activity-campaigns';
import type { TEventFields } from '@ssb/domain/event-input';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { setEventCampaign } from '../activity-campaigns/join-campaign.ts';
import { cancelEvent, publishEvent } from '../events/change-event-status.ts';
import { searchCohostCandidates, type CohostSearch } from '../events/cohost-candidates.ts';
import { inviteCohost } from '../events/event-cohosts.ts';
import { withActions } from '../events/load-my-event.ts';
import { updateEvent } from '../events/save-event.ts';
import { lockCoordinatedAlliance, type CoordinatorViewer } from './coordinated-alliance.ts';

/**
 * Joint actions (联合行动): events an alliance hosts. The hosting base is always the alliance's lead base
 * (`base_events.base_id`, so registrations, check-in and the door work as for any event, and the lead
 * base's managers see it in 活动管理); `alliance_id` marks it as the alliance's. The coordinator acts for
 * the hosting base on the alliance's events only: after the alliance row is locked and the caller checked as
 * its coordinator, the event services run with that base's manager grant, derived here, never sent.
 */
const e = schema.baseEvents;

async function leadOf(tx: DbOrTx, alliance: { leadBaseId: string }) {
  const [lead] = await tx.select().from(schema.bases).where(eq(schema.bases.id, alliance.leadBaseId));
  if (!lead) throw userError('NOT_FOUND', '未找到联盟的牵头基地');
  return lead;
}
/** The hosting base's manager grant, for the coordinator acting on one of the alliance's events. */
const actingForHost = (viewer: CoordinatorViewer, host: { organizationId: string }): ManagerViewer => ({
  userId: viewer.userId,
  grants: [{ organizationId: host.organizationId, role: 'base_manager' }],
});

/**
 * The alliance, locked and coordinated by the viewer, one of its events, and the event's hosting base (the lead
 * base when it was created; it stays the host if the lead is handed over later).
 */
async function lockAllianceEvent(tx: DbOrTx, viewer: CoordinatorViewer, allianceId: string, eventId: string) {
  const alliance = await lockCoordinatedAlliance(tx, viewer, allianceId);
  const [event] = await tx.select().from(e).where(and(eq(e.id, eventId), eq(e.allianceId, alliance.id))).for('update');
  if (!event) throw userError('NOT_FOUND', ACTIVITY_CAMPAIGN_MESSAGES.jointActionNotFound);
  const [host] = await tx.select().from(schema.bases).where(eq(schema.bases.id, event.baseId));
  return { alliance, event, host: host! };
}

/** Active members that are named bases (not the lead): the only bases a joint action may invite as co-hosts. */
async function memberBasesOf(tx: DbOrTx, allianceId: string, leadBaseId: string) {
  const rows = await tx
    .select({ id: schema.bases.id, name: schema.bases.name, districtCode: schema.bases.districtCode })
    .from(schema.allianceMembers)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.allianceMembers.baseId))
    .where(and(eq(schema.allianceMembers.allianceId, allianceId), eq(schema.allianceMembers.status, 'active'), inArray(schema.allianceMembers.role, ['lead', 'founding', 'member']), inArray(schema.bases.status, ['active'])))
    .orderBy(asc(schema.bases.name));
  return rows.filter((b) => b.id !== leadBaseId);
}

/** inviteCohost itself holds a joint action to the alliance's member bases. */
function inviteMemberCohost(tx: DbOrTx, viewer: CoordinatorViewer, host: { organizationId: string }, eventId: string, baseId: string, publicUrl: string) {
  return inviteCohost(tx as Database, actingForHost(viewer, host), { eventId, baseId }, publicUrl);
}

/** The member bases a joint action may still invite, searched and paged on the server. */
export async function jointActionCohostCandidates(db: Database, viewer: CoordinatorViewer, input: CohostSearch & { allianceId: string; eventId: string }) {
  return db.transaction(async (tx) => {
    const { event } = await lockAllianceEvent(tx, viewer, input.allianceId, input.eventId);
    return searchCohostCandidates(tx, event, input);
  });
}

/** The coordinator's list: every joint action of the alliance (drafts too), with co-hosts and their answers. */
export async function listJointActionsForCoordinator(db: Database, viewer: CoordinatorViewer, allianceId: string) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, allianceId);
    const events = await tx.select().from(e).where(eq(e.allianceId, alliance.id)).orderBy(desc(e.startsAt));
    const cohosts = events.length
      ? await tx
          .select({ eventId: schema.eventCohosts.eventId, baseId: schema.eventCohosts.baseId, baseName: schema.bases.name, status: schema.eventCohosts.status, declineReason: schema.eventCohosts.declineReason })
          .from(schema.eventCohosts)
          .innerJoin(schema.bases, eq(schema.bases.id, schema.eventCohosts.baseId))
          .where(inArray(schema.eventCohosts.eventId, events.map((x) => x.id)))
          .orderBy(asc(schema.eventCohosts.createdAt))
      : [];
    const lead = await leadOf(tx, alliance);
    return {
      lead: { id: lead.id, name: lead.name },
      memberBases: await memberBasesOf(tx, alliance.id, alliance.leadBaseId),
      items: events.map((x) => ({ ...withActions(x), cohosts: cohosts.filter((c) => c.eventId === x.id) })),
    };
  });
}

/** A new joint action, as a draft of the lead base marked as the alliance's; it may join a campaign and invite member co-hosts. */
export async function createJointAction(
  db: Database,
  viewer: CoordinatorViewer,
  input: TEventFields & { allianceId: string; campaignId: string | null; cohostBaseIds: string[] },
  publicUrl: string,
) {
  return db.transaction(async (tx) => {
    const alliance = await lockCoordinatedAlliance(tx, viewer, input.allianceId);
    const lead = await leadOf(tx, alliance);
    if (lead.status !== 'active' && lead.status !== 'rectification') throw userError('FORBIDDEN', '牵头基地已撤销或命名已到期，不能发起联合行动');
    const { allianceId: _a, campaignId, cohostBaseIds, ...fields } = input;
    const [created] = await tx
      .insert(e)
      .values({
        ...fields,
        startsAt: new Date(fields.startsAt),
        endsAt: new Date(fields.endsAt),
        registrationOpensAt: fields.registrationOpensAt ? new Date(fields.registrationOpensAt) : null,
        registrationClosesAt: fields.registrationClosesAt ? new Date(fields.registrationClosesAt) : null,
        baseId: lead.id,
        allianceId: alliance.id,
        status: 'draft',
        createdBy: viewer.userId,
      })
      .returning();
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'event.alliance.create', entityType: 'base_event', entityId: created!.id, data: { allianceId: alliance.id, baseId: lead.id } });
    const joined = campaignId ? await setEventCampaign(tx, viewer.userId, created!, campaignId) : created!;
    for (const baseId of new Set(cohostBaseIds)) await inviteMemberCohost(tx, viewer, lead, created!.id, baseId, publicUrl);
    return withActions(joined);
  });
}

/** The coordinator saves a joint action's fields (over the version opened) with the event editor's rules. */
export async function updateJointAction(db: Database, viewer: CoordinatorViewer, input: TEventFields & { allianceId: string; eventId: string; version: number }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const { host } = await lockAllianceEvent(tx, viewer, input.allianceId, input.eventId);
    const { allianceId: _a, ...rest } = input;
    return updateEvent(tx as Database, actingForHost(viewer, host), rest, publicUrl);
  });
}

export async function moveJointAction(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; eventId: string; action: 'publish' | 'cancel'; reason?: string }) {
  return db.transaction(async (tx) => {
    const { host } = await lockAllianceEvent(tx, viewer, input.allianceId, input.eventId);
    const acting = actingForHost(viewer, host);
    return input.action === 'publish' ? publishEvent(tx as Database, acting, { eventId: input.eventId }) : cancelEvent(tx as Database, acting, { eventId: input.eventId, reason: input.reason ?? '' });
  });
}

export async function setJointActionCampaign(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; eventId: string; campaignId: string | null }) {
  return db.transaction(async (tx) => {
    const { event } = await lockAllianceEvent(tx, viewer, input.allianceId, input.eventId);
    const saved = await setEventCampaign(tx, viewer.userId, event, input.campaignId);
    return { id: saved.id, activityCampaignId: saved.activityCampaignId, version: saved.version };
  });
}

export async function inviteJointActionCohost(db: Database, viewer: CoordinatorViewer, input: { allianceId: string; eventId: string; baseId: string }, publicUrl: string) {
  return db.transaction(async (tx) => {
    const { host } = await lockAllianceEvent(tx, viewer, input.allianceId, input.eventId);
    return inviteMemberCohost(tx, viewer, host, input.eventId, input.baseId, publicUrl);
  });
}
