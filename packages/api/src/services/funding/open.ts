import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { renderCsv } from '@ssb/documents';
import { formatFen, FUNDING_STATUS_LABELS, GRANT_STATUSES, type FundingStatus } from '@ssb/domain/funding';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { listPublicFundingCalls } from './calls.ts';

/** The public list of funded projects (awards): project, base, call, amount awarded, status. */
export async function publicFundedProjects(db: DbOrTx) {
  const rows = await db
    .select({
      id: schema.fundingApplications.id,
      title: schema.fundingApplications.title,
      kind: schema.fundingApplications.kind,
      status: schema.fundingApplications.status,
      awardFen: schema.fundingApplications.awardFen,
      baseId: schema.bases.id,
      baseName: schema.bases.name,
      callId: schema.fundingCalls.id,
      callTitle: schema.fundingCalls.title,
      year: schema.fundingCalls.year,
    })
    .from(schema.fundingApplications)
    .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
    .innerJoin(schema.fundingCalls, eq(schema.fundingCalls.id, schema.fundingApplications.callId))
    .where(inArray(schema.fundingApplications.status, GRANT_STATUSES as FundingStatus[]))
    .orderBy(desc(schema.fundingCalls.year), asc(schema.bases.name), asc(schema.fundingApplications.title));
  return rows.map((r) => ({ ...r, awardFen: r.awardFen ?? 0 }));
}

/** `/api/open/v1/funding/calls`: amounts as yuan strings with two decimals. */
export async function openFundingCalls(db: DbOrTx) {
  return (await listPublicFundingCalls(db)).map((c) => ({
    id: c.id,
    title: c.title,
    year: c.year,
    pool: formatFen(c.poolFen),
    committed: formatFen(c.committedFen),
    disbursed: formatFen(c.disbursedFen),
    available: formatFen(c.availableFen),
  }));
}

/** `/api/open/v1/funding/awards.csv`: one row per funded project (the shared CSV writer: BOM, CRLF, formulas defused). */
export async function openFundingAwardsCsv(db: DbOrTx) {
  return renderCsv(await publicFundedProjects(db), [
    { header: 'project', value: 'title' },
    { header: 'base', value: 'baseName' },
    { header: 'call', value: 'callTitle' },
    { header: 'year', value: (r) => String(r.year) },
    { header: 'amount_awarded', value: (r) => formatFen(r.awardFen) },
    { header: 'status', value: (r) => FUNDING_STATUS_LABELS[r.status].zh },
  ]);
}
