import { validateApplication } from '@ssb/domain/application-form';
import { intakeChecklist, type ChecklistFacts } from '@ssb/domain/intake-checklist';
import type { IntakeStatus } from '@ssb/domain/selection';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { findDuplicateOrganizations } from '../applications/duplicates.ts';
import { currentShortCode } from '../paper/short-code.ts';

const { applications } = schema;

/**
 * Every nomination of a campaign (applications the recommenders sent: status `recommended`) with
 * what the intake pages need: the intake row, materials, the latest paper receipt, duplicates and the
 * checklist computed now. Nominations number in the hundreds at most, so this is one pass in memory.
 */
export async function loadNominations(db: DbOrTx, campaignId: string, applicationIds?: string[]) {
  const filters = [eq(applications.campaignId, campaignId), eq(applications.status, 'recommended')];
  if (applicationIds) filters.push(inArray(applications.id, applicationIds.length ? applicationIds : ['00000000-0000-0000-0000-000000000000']));
  const rows = await db.query.applications.findMany({
    where: and(...filters),
    with: { organization: true, recommendingBody: true, campaign: true, renewsBase: { columns: { number: true, validUntil: true } } },
    orderBy: [applications.recommendedAt],
  });
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [checks, materials, receipts, duplicates] = await Promise.all([
    db.select().from(schema.intakeChecks).where(inArray(schema.intakeChecks.applicationId, ids)),
    db
      .select({ applicationId: schema.materials.applicationId, kind: schema.materials.kind, bytes: schema.materials.bytes })
      .from(schema.materials)
      .where(inArray(schema.materials.applicationId, ids)),
    db.select().from(schema.paperReceipts).where(inArray(schema.paperReceipts.applicationId, ids)).orderBy(desc(schema.paperReceipts.receivedAt)),
    findDuplicateOrganizations(db, campaignId),
  ]);
  return rows.map((a) => {
    const check = checks.find((c) => c.applicationId === a.id) ?? null;
    const receipt = receipts.find((r) => r.applicationId === a.id) ?? null;
    const shortCode = currentShortCode(a);
    // A copy received as current stays current while the application is unchanged, whatever rule printed its code.
    const isCurrent = receipt && (receipt.code === shortCode || (receipt.matchesCurrent && receipt.applicationVersion === a.version));
    const paper: ChecklistFacts['paper'] = !receipt ? 'missing' : isCurrent ? 'matching' : 'stale';
    const own = materials.filter((m) => m.applicationId === a.id);
    const facts: ChecklistFacts = {
      formProblems: validateApplication(a.campaign.formFields, a.data, a.campaign).map((p) => p.label),
      photoBytes: own.filter((m) => m.kind === 'photo').map((m) => Number(m.bytes)),
      videoCount: own.filter((m) => m.kind === 'video').length,
      isRecommended: a.status === 'recommended',
      hasRecommender: a.recommendingBody !== null,
      paper,
    };
    const duplicate = duplicates.find((d) => d.organizationId === a.organizationId);
    return {
      application: a,
      intake: {
        status: (check?.status ?? 'pending') as IntakeStatus,
        checklist: check?.checklist ?? {},
        correctionNote: check?.correctionNote ?? null,
        correctionDeadline: check?.correctionDeadline ?? null,
        correctionRepliedAt: check?.correctionRepliedAt ?? null,
        updatedAt: check?.updatedAt ?? null,
      },
      shortCode,
      paper,
      receipt,
      checklist: intakeChecklist(facts, check?.checklist ?? {}),
      otherRecommenders: duplicate ? duplicate.recommenders.filter((r) => r.id !== a.recommendingBodyId).map((r) => r.name) : [],
    };
  });
}

export type Nomination = Awaited<ReturnType<typeof loadNominations>>[number];
