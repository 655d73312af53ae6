import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { assertPhaseOpen } from '../campaigns/phases.ts';
import { userError } from '../errors.ts';
import { applicantOrganizationIds, type Viewer } from './access.ts';

/**
 * Starts a draft for the viewer's unit in a campaign, addressed to a recommender, prefilled from
 * what the platform already knows about the unit.
 */
export async function createApplication(db: Database, viewer: Viewer, input: { campaignId: string; recommendingBodyId: string; organizationId?: string }) {
  const own = applicantOrganizationIds(viewer.grants);
  const organizationId = input.organizationId ?? own[0];
  if (!organizationId || !own.includes(organizationId)) throw userError('FORBIDDEN', '只能为本单位创建申报');
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  await assertPhaseOpen(db, campaign, 'application', input.recommendingBodyId);
  const body = await db.query.recommendingBodies.findFirst({ where: eq(schema.recommendingBodies.id, input.recommendingBodyId) });
  if (!body) throw userError('NOT_FOUND', '推荐单位不存在');
  const organization = (await db.query.organizations.findFirst({ where: eq(schema.organizations.id, organizationId) }))!;

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: schema.applications.id })
      .from(schema.applications)
      .where(
        and(
          eq(schema.applications.campaignId, campaign.id),
          eq(schema.applications.organizationId, organizationId),
          eq(schema.applications.recommendingBodyId, body.id),
        ),
      );
    if (existing) throw userError('CONFLICT', `本单位已向“${body.name}”提交过申报，请在“我的申报”中继续填写`);
    const [application] = await tx
      .insert(schema.applications)
      .values({
        campaignId: campaign.id,
        organizationId,
        recommendingBodyId: body.id,
        updatedBy: viewer.userId,
        data: {
          hostUnit: organization.name,
          uscc: organization.uscc,
          unitType: organization.type,
          districtCode: organization.districtCode,
          address: organization.address,
          contactName: organization.contactName,
          contactPhone: organization.contactPhone,
          contactEmail: organization.contactEmail,
        },
      })
      .returning();
    await tx.insert(schema.applicationEvents).values({ applicationId: application!.id, action: 'create', toStatus: 'draft', actorUserId: viewer.userId });
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'application.created', entityType: 'application', entityId: application!.id, data: { recommendingBodyId: body.id } });
    return application!;
  });
}
