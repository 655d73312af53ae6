import { schema, type Database, type DbOrTx } from '@ssb/db';
import { isInReapplicationWindow, RENEWAL_MESSAGES, termCountdown } from '@ssb/domain/base-term';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { assertPhaseOpen } from '../campaigns/phases.ts';
import { userError } from '../errors.ts';
import { applicantOrganizationIds, type Viewer } from '../applications/access.ts';

type Base = typeof schema.bases.$inferSelect;
type Campaign = typeof schema.campaigns.$inferSelect;

const isApplicationOpen = (campaign: Campaign, now: Date) => {
  const phase = campaign.phases.find((p) => p.key === 'application');
  return Boolean(phase && new Date(phase.startsAt) <= now && now <= new Date(phase.endsAt));
};

/** A demo campaign offers re-application to demo bases only; a real one to every base. */
const offersTo = (campaign: Campaign, base: Base) => !campaign.isDemo || base.isDemo;

/**
 * The campaigns in which a base may re-apply now: their application phase is open and the base's term
 * ends inside their window (`isInReapplicationWindow`), with the renewal already started in each, if any.
 */
export async function renewalOffersFor(db: DbOrTx, base: Base, now = new Date()) {
  const open = (await db.select().from(schema.campaigns).orderBy(desc(schema.campaigns.year))).filter((c) => isApplicationOpen(c, now) && offersTo(c, base) && isInReapplicationWindow(base, c.year));
  if (open.length === 0) return [];
  const started = await db
    .select({ id: schema.applications.id, campaignId: schema.applications.campaignId, status: schema.applications.status })
    .from(schema.applications)
    .where(and(eq(schema.applications.renewsBaseId, base.id), inArray(schema.applications.campaignId, open.map((c) => c.id))));
  return open.map((c) => {
    const application = started.find((a) => a.campaignId === c.id);
    return {
      campaignId: c.id,
      year: c.year,
      title: c.title,
      applicationEndsAt: new Date(c.phases.find((p) => p.key === 'application')!.endsAt),
      application: application ? { id: application.id, status: application.status } : null,
    };
  });
}

/**
 * The application a base was last named from: its latest named re-application, else the nomination it
 * was first named from (null for bases entered from paper records).
 */
export async function lastApplicationOf(db: DbOrTx, base: Base) {
  const [renewal] = await db
    .select({ application: schema.applications })
    .from(schema.applications)
    .innerJoin(schema.selectionDecisions, eq(schema.selectionDecisions.applicationId, schema.applications.id))
    .where(and(eq(schema.applications.renewsBaseId, base.id), eq(schema.selectionDecisions.outcome, 'named')))
    .orderBy(desc(schema.applications.createdAt))
    .limit(1);
  if (renewal) return renewal.application;
  if (!base.applicationId) return null;
  return (await db.query.applications.findFirst({ where: eq(schema.applications.id, base.applicationId) })) ?? null;
}

/**
 * The form of a re-application: the last application's answers (for the fields this campaign asks),
 * then the unit's registered identity, then the base's profile as its managers keep it today.
 */
export function renewalFormData(input: {
  campaign: Pick<Campaign, 'formFields'>;
  last: Record<string, unknown> | null;
  organization: typeof schema.organizations.$inferSelect;
  base: Base;
}) {
  const keys = new Set(input.campaign.formFields.map((f) => f.key));
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.last ?? {})) if (keys.has(key) && key !== 'declaration') data[key] = value;
  const { organization: o, base: b } = input;
  Object.assign(data, {
    baseName: b.name,
    hostUnit: o.name,
    uscc: o.uscc,
    unitType: o.type,
    category: b.category,
    districtCode: b.districtCode,
    address: b.address || o.address,
    contactName: data.contactName ?? o.contactName,
    contactPhone: b.phone || o.contactPhone,
    contactEmail: data.contactEmail ?? o.contactEmail,
  });
  if (b.bookingInfo) data.bookingMethod = b.bookingInfo;
  if (b.introduction && !data.exhibitionOutline) data.exhibitionOutline = b.introduction;
  if (b.scientists.length > 0) data.scientists = b.scientists.join('、');
  return data;
}

/**
 * Starts a base's re-application (复核/重新申报) in an open campaign: a draft of its unit, marked as
 * renewing the base, pre-filled from its last application and profile, addressed to the same recommender
 * unless another is chosen. The caller must be an applicant of the base's unit.
 */
export async function startRenewal(db: Database, viewer: Viewer, input: { baseId: string; campaignId: string; recommendingBodyId?: string }, now = new Date()) {
  const base = await db.query.bases.findFirst({ where: eq(schema.bases.id, input.baseId) });
  if (!base || !applicantOrganizationIds(viewer.grants).includes(base.organizationId)) throw userError('FORBIDDEN', RENEWAL_MESSAGES.renewalOwnUnitOnly);
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  if (!offersTo(campaign, base) || !isInReapplicationWindow(base, campaign.year)) {
    throw userError('BAD_REQUEST', base.status === 'revoked' ? RENEWAL_MESSAGES.renewalRevoked : RENEWAL_MESSAGES.renewalOutsideWindow);
  }
  const last = await lastApplicationOf(db, base);
  const recommendingBodyId = input.recommendingBodyId ?? last?.recommendingBodyId ?? null;
  if (!recommendingBodyId) throw userError('BAD_REQUEST', RENEWAL_MESSAGES.renewalChooseRecommender);
  await assertPhaseOpen(db, campaign, 'application', recommendingBodyId, now);
  const body = await db.query.recommendingBodies.findFirst({ where: eq(schema.recommendingBodies.id, recommendingBodyId) });
  if (!body) throw userError('NOT_FOUND', '推荐单位不存在');
  const organization = (await db.query.organizations.findFirst({ where: eq(schema.organizations.id, base.organizationId) }))!;

  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: schema.applications.id, renewsBaseId: schema.applications.renewsBaseId })
      .from(schema.applications)
      .where(
        and(
          eq(schema.applications.campaignId, campaign.id),
          or(eq(schema.applications.renewsBaseId, base.id), and(eq(schema.applications.organizationId, base.organizationId), eq(schema.applications.recommendingBodyId, body.id))),
        ),
      );
    if (existing.some((e) => e.renewsBaseId === base.id)) throw userError('CONFLICT', RENEWAL_MESSAGES.renewalAlreadyStarted);
    const plain = existing.find((e) => e.renewsBaseId === null);
    if (plain) {
      // The unit already applies through this body this year: that application is the re-application, so mark it rather than refuse.
      const [marked] = await tx.update(schema.applications).set({ renewsBaseId: base.id, updatedAt: new Date() }).where(eq(schema.applications.id, plain.id)).returning();
      await appendAudit(tx, {
        actorUserId: viewer.userId,
        action: 'application.renewal_created',
        entityType: 'application',
        entityId: plain.id,
        data: { baseId: base.id, number: base.number, validUntil: base.validUntil, recommendingBodyId: body.id, prefilledFrom: null, markedExisting: true },
      });
      return marked!;
    }
    if (existing.length) throw userError('CONFLICT', `本单位已向“${body.name}”提交过申报，请在“我的申报”中继续填写`);
    const [application] = await tx
      .insert(schema.applications)
      .values({ campaignId: campaign.id, organizationId: base.organizationId, recommendingBodyId: body.id, renewsBaseId: base.id, updatedBy: viewer.userId, data: renewalFormData({ campaign, last: last?.data ?? null, organization, base }) })
      .returning();
    await tx.insert(schema.applicationEvents).values({ applicationId: application!.id, action: 'create', toStatus: 'draft', actorUserId: viewer.userId, reason: `重新申报（复核）：${base.number}` });
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: 'application.renewal_created',
      entityType: 'application',
      entityId: application!.id,
      data: { baseId: base.id, number: base.number, validUntil: base.validUntil, recommendingBodyId: body.id, prefilledFrom: last?.id ?? null },
    });
    return application!;
  });
}

/** What a re-application's pages show of the base it renews: register number and term. */
export async function renewalSummaryOf(db: DbOrTx, renewsBaseId: string | null) {
  if (!renewsBaseId) return null;
  const base = await db.query.bases.findFirst({ where: eq(schema.bases.id, renewsBaseId) });
  if (!base) return null;
  return { baseId: base.id, number: base.number, name: base.name, namedOn: base.namedOn, validUntil: base.validUntil, status: base.status };
}

/**
 * What a base's managers see of its term: the countdown, the reminders sent, and where it may re-apply
 * now. Starting a re-application is an applicant's act for the unit: `canStartRenewal` says whether the
 * viewer is also one of its applicants (otherwise the page says who can).
 */
export async function baseTermFor(db: DbOrTx, base: Base, memberships: Array<{ organizationId: string; role: string }>, now = new Date()) {
  const reminders = await db
    .select({ milestone: schema.baseTermReminders.milestone, sentAt: schema.baseTermReminders.sentAt })
    .from(schema.baseTermReminders)
    .where(and(eq(schema.baseTermReminders.baseId, base.id), eq(schema.baseTermReminders.validUntil, base.validUntil)))
    .orderBy(desc(schema.baseTermReminders.sentAt));
  return {
    baseId: base.id,
    number: base.number,
    name: base.name,
    status: base.status,
    namedOn: base.namedOn,
    countdown: termCountdown(base.validUntil, now),
    reminders,
    offers: await renewalOffersFor(db, base, now),
    canStartRenewal: memberships.some((m) => m.role === 'applicant' && m.organizationId === base.organizationId),
  };
}
