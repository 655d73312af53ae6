import type { Database, DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { ACTIVITY_CAMPAIGN_MESSAGES, eventFitsCampaign, type TActivityCampaignFields } from '@ssb/domain/activity-campaigns';
import { asc, count, desc, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';

const ac = schema.activityCampaigns;
const e = schema.baseEvents;

/** Every themed campaign, latest first, with how many events (any status) joined it: the office's list. */
export async function listActivityCampaignsForOffice(db: DbOrTx) {
  return db
    .select({ id: ac.id, name: ac.name, nameEn: ac.nameEn, description: ac.description, descriptionEn: ac.descriptionEn, startsOn: ac.startsOn, endsOn: ac.endsOn, createdAt: ac.createdAt, events: count(e.id) })
    .from(ac)
    .leftJoin(e, eq(e.activityCampaignId, ac.id))
    .groupBy(ac.id)
    .orderBy(desc(ac.startsOn), asc(ac.name));
}

export async function createActivityCampaign(db: Database, actor: { userId: string }, input: TActivityCampaignFields) {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(ac).values({ ...input, createdBy: actor.userId }).returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: 'activity_campaign.create', entityType: 'activity_campaign', entityId: created!.id, data: { ...input } });
    return created!;
  });
}

async function lockCampaign(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(ac).where(eq(ac.id, id)).for('update');
  if (!row) throw userError('NOT_FOUND', ACTIVITY_CAMPAIGN_MESSAGES.campaignNotFound);
  return row;
}

/** New dates may not leave out an event that already joined: the office is told which one. */
export async function updateActivityCampaign(db: Database, actor: { userId: string }, input: TActivityCampaignFields & { id: string }) {
  return db.transaction(async (tx) => {
    const { id, ...fields } = input;
    await lockCampaign(tx, id);
    const joined = await tx.select({ title: e.title, startsAt: e.startsAt, endsAt: e.endsAt }).from(e).where(eq(e.activityCampaignId, id));
    const outside = joined.find((event) => !eventFitsCampaign(event, fields));
    if (outside) throw userError('BAD_REQUEST', `已加入的活动“${outside.title}”不在新的日期内，请先调整该活动或让其退出主题活动`);
    const [saved] = await tx.update(ac).set(fields).where(eq(ac.id, id)).returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: 'activity_campaign.update', entityType: 'activity_campaign', entityId: id, data: { ...fields } });
    return saved!;
  });
}

/** Only a campaign no event has joined can be deleted; one with events stays as their history. */
export async function deleteActivityCampaign(db: Database, actor: { userId: string }, input: { id: string }) {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, input.id);
    const [{ joined } = { joined: 0 }] = await tx.select({ joined: count() }).from(e).where(eq(e.activityCampaignId, campaign.id));
    if (joined > 0) throw userError('CONFLICT', `已有 ${joined} 个活动加入该主题活动，不能删除`);
    await tx.delete(ac).where(eq(ac.id, campaign.id));
    await appendAudit(tx, { actorUserId: actor.userId, action: 'activity_campaign.delete', entityType: 'activity_campaign', entityId: campaign.id, data: { name: campaign.name } });
    return { id: campaign.id };
  });
}
