import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { assertPhaseOpen } from '../campaigns/phases.ts';
import { userError } from '../errors.ts';
import { recommenderBodies, type Viewer } from './access.ts';
import { countRecommended } from './transition-application.ts';

/** "如无合适基地，可不推荐": a recommender records that it nominates nobody this campaign, or takes that back. */
export async function declareNoRecommendation(db: Database, viewer: Viewer, input: { campaignId: string; declaresNone: boolean; note?: string }) {
  const [body] = await recommenderBodies(db, viewer.grants);
  if (!body) throw userError('FORBIDDEN', '您不是推荐单位的用户');
  const campaign = await db.query.campaigns.findFirst({ where: eq(schema.campaigns.id, input.campaignId) });
  if (!campaign) throw userError('NOT_FOUND', '申报年度不存在');
  await assertPhaseOpen(db, campaign, 'recommendation', body.id);
  if (input.declaresNone && (await countRecommended(db, campaign.id, body.id)) > 0) {
    throw userError('CONFLICT', '已有推荐的申报，不能声明“不推荐”。请先撤销推荐');
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.recommenderDeclarations)
      .values({ campaignId: campaign.id, recommendingBodyId: body.id, declaresNone: input.declaresNone, note: input.note ?? null, declaredBy: viewer.userId })
      .onConflictDoUpdate({
        target: [schema.recommenderDeclarations.campaignId, schema.recommenderDeclarations.recommendingBodyId],
        set: { declaresNone: input.declaresNone, note: input.note ?? null, declaredBy: viewer.userId, declaredAt: new Date() },
      });
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: input.declaresNone ? 'recommendation.declared_none' : 'recommendation.declaration_withdrawn',
      entityType: 'recommending_body',
      entityId: body.id,
      data: { campaignId: campaign.id, note: input.note ?? null },
    });
  });
  return { declaresNone: input.declaresNone };
}
