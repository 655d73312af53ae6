import { districtName } from '@ssb/domain/districts';
import { blockingItems, intakeActionsFrom } from '@ssb/domain/intake-checklist';
import { INTAKE_STATUSES, type IntakeStatus } from '@ssb/domain/selection';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pageOffset, ZPage } from '../pagination.ts';
import { loadNominations, type Nomination } from './load-nominations.ts';

export const ZIntakeListInput = ZPage.extend({
  campaignId: z.uuid(),
  recommendingBodyId: z.uuid().optional(),
  category: z.string().max(60).optional(),
  districtCode: z.string().max(6).optional(),
  status: z.enum(INTAKE_STATUSES).optional(),
  duplicatesOnly: z.boolean().optional(),
  search: z.string().max(100).optional(),
});
export type TIntakeListInput = z.infer<typeof ZIntakeListInput>;

const districtOf = (n: Nomination) => String(n.application.data.districtCode ?? n.application.organization.districtCode ?? '');
const categoryOf = (n: Nomination) => String(n.application.data.category ?? '');

/** One row of the intake table: who, from whom, where, and what still blocks acceptance. */
export function nominationRow(n: Nomination) {
  const a = n.application;
  return {
    id: a.id,
    baseName: (a.data.baseName as string | undefined) || a.organization.name,
    organizationName: a.organization.name,
    uscc: a.organization.uscc,
    recommendingBody: a.recommendingBody ? { id: a.recommendingBody.id, name: a.recommendingBody.name } : null,
    category: categoryOf(n) || null,
    districtCode: districtOf(n) || null,
    districtName: districtOf(n) ? districtName(districtOf(n)) : null,
    recommendedAt: a.recommendedAt,
    intake: n.intake,
    /** The intake moves open from this nomination's status (accept is still refused while `blocking` is not empty). */
    actions: intakeActionsFrom(n.intake.status),
    paper: n.paper,
    shortCode: n.shortCode,
    blocking: blockingItems(n.checklist).map((i) => i.label),
    otherRecommenders: n.otherRecommenders,
    /** A re-application (重新申报/复核): the base it renews, by register number and term end. */
    renewal: a.renewsBase ? { number: a.renewsBase.number, validUntil: a.renewsBase.validUntil } : null,
  };
}

/** The intake dashboard: the filtered page, counts by status over the whole campaign, and the filter choices present. */
export async function listNominations(db: DbOrTx, input: TIntakeListInput) {
  const all = await loadNominations(db, input.campaignId);
  const search = input.search?.trim();
  const filtered = all.filter(
    (n) =>
      (!input.recommendingBodyId || n.application.recommendingBodyId === input.recommendingBodyId) &&
      (!input.category || categoryOf(n) === input.category) &&
      (!input.districtCode || districtOf(n) === input.districtCode) &&
      (!input.status || n.intake.status === input.status) &&
      (!input.duplicatesOnly || n.otherRecommenders.length > 0) &&
      (!search || n.application.organization.name.includes(search) || String(n.application.data.baseName ?? '').includes(search) || n.application.organization.uscc.includes(search.toUpperCase())),
  );
  const counts = Object.fromEntries(INTAKE_STATUSES.map((s) => [s, all.filter((n) => n.intake.status === s).length])) as Record<IntakeStatus, number>;
  const recommenders = new Map<string, string>();
  for (const n of all) if (n.application.recommendingBody) recommenders.set(n.application.recommendingBody.id, n.application.recommendingBody.name);
  return {
    total: filtered.length,
    items: filtered.slice(pageOffset(input), pageOffset(input) + input.pageSize).map(nominationRow),
    counts: { ...counts, all: all.length, duplicates: all.filter((n) => n.otherRecommenders.length > 0).length },
    options: {
      recommenders: [...recommenders].map(([id, name]) => ({ id, name })),
      categories: [...new Set(all.map(categoryOf).filter(Boolean))],
      districts: [...new Set(all.map(districtOf).filter(Boolean))].map((code) => ({ code, name: districtName(code) })),
    },
  };
}

/** The campaigns, newest first, with how many nominations each received: the pages' campaign picker. */
export async function listNominationCampaigns(db: DbOrTx) {
  const rows = await db
    .select({ id: schema.campaigns.id, year: schema.campaigns.year, title: schema.campaigns.title, nominations: count(schema.applications.id) })
    .from(schema.campaigns)
    .leftJoin(schema.applications, and(eq(schema.applications.campaignId, schema.campaigns.id), eq(schema.applications.status, 'recommended')))
    .groupBy(schema.campaigns.id)
    .orderBy(desc(schema.campaigns.year));
  return rows;
}
