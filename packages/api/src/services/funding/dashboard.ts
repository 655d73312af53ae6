import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { renderFundingXlsx } from '@ssb/documents';
import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { FUNDING_KIND_LABELS, FUNDING_KINDS, FUNDING_STATUS_LABELS, GRANT_STATUSES, LEDGER_KIND_LABELS, formatFen, grantTotals, ledgerTotals, type FundingKind } from '@ssb/domain/funding';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { isOfficeViewer, type FundingViewer } from './rows.ts';

const DISTRICT_NAME = new Map<string, string>(BEIJING_DISTRICTS.map((d) => [d.code, d.name]));
type Bucket = { key: string; applications: number; grants: number; requestedFen: number; awardFen: number; disbursedFen: number; returnedFen: number };
const bucket = (key: string): Bucket => ({ key, applications: 0, grants: 0, requestedFen: 0, awardFen: 0, disbursedFen: 0, returnedFen: 0 });

/** Everything the dashboard and the export read for the calls of one year (or every year). */
async function loadFunding(db: DbOrTx, year: number | null) {
  const calls = await db
    .select()
    .from(schema.fundingCalls)
    .where(year === null ? ne(schema.fundingCalls.status, 'draft') : eq(schema.fundingCalls.year, year))
    .orderBy(desc(schema.fundingCalls.year), asc(schema.fundingCalls.createdAt));
  const callIds = calls.map((c) => c.id);
  const apps = callIds.length
    ? await db
        .select({ app: schema.fundingApplications, baseName: schema.bases.name, districtCode: schema.bases.districtCode })
        .from(schema.fundingApplications)
        .innerJoin(schema.bases, eq(schema.bases.id, schema.fundingApplications.baseId))
        .where(inArray(schema.fundingApplications.callId, callIds))
        .then((rows) => rows.filter((r) => r.app.status !== 'draft'))
    : [];
  const entries = callIds.length ? await db.select().from(schema.fundingLedgerEntries).where(inArray(schema.fundingLedgerEntries.callId, callIds)).orderBy(asc(schema.fundingLedgerEntries.id)) : [];
  const grantIds = apps.filter((a) => GRANT_STATUSES.includes(a.app.status)).map((a) => a.app.id);
  const lines = grantIds.length ? await db.select().from(schema.fundingBudgetLines).where(inArray(schema.fundingBudgetLines.applicationId, grantIds)) : [];
  return { calls, apps, entries, lines };
}

/**
 * The office's dashboard for a year (or all years): each call's pool, committed, disbursed, returned and
 * available (from the ledger), and the same money by district, by kind of project and by cost category
 * (the budgets in force), with the years there are calls for. Every sum is whole fen and adds up.
 */
export async function fundingDashboard(db: DbOrTx, input: { year: number | null }) {
  const { calls, apps, entries, lines } = await loadFunding(db, input.year);
  const perCall = calls.map((c) => ({ id: c.id, title: c.title, year: c.year, status: c.status, ...ledgerTotals(c.poolFen, entries.filter((e) => e.callId === c.id)) }));
  const total = perCall.reduce((s, c) => ({ poolFen: s.poolFen + c.poolFen, committedFen: s.committedFen + c.committedFen, disbursedFen: s.disbursedFen + c.disbursedFen, returnedFen: s.returnedFen + c.returnedFen, availableFen: s.availableFen + c.availableFen }), { poolFen: 0, committedFen: 0, disbursedFen: 0, returnedFen: 0, availableFen: 0 });
  const byDistrict = new Map<string, Bucket>();
  const byKind = new Map<FundingKind, Bucket>(FUNDING_KINDS.map((k) => [k, bucket(k)]));
  for (const { app, districtCode } of apps) {
    const g = grantTotals(entries.filter((e) => e.applicationId === app.id));
    const isGrant = GRANT_STATUSES.includes(app.status);
    for (const b of [byDistrict.get(districtCode) ?? byDistrict.set(districtCode, bucket(districtCode)).get(districtCode)!, byKind.get(app.kind)!]) {
      b.applications += 1;
      b.requestedFen += app.requestedFen;
      if (isGrant) {
        b.grants += 1;
        b.awardFen += g.awardFen;
        b.disbursedFen += g.disbursedFen;
        b.returnedFen += g.returnedFen;
      }
    }
  }
  const revisionOf = new Map(apps.map((a) => [a.app.id, a.app.budgetRevision]));
  const byCategory = new Map<string, number>();
  for (const l of lines) if (revisionOf.get(l.applicationId) === l.revision) byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + l.amountFen);
  const years = await db.selectDistinct({ year: schema.fundingCalls.year }).from(schema.fundingCalls).orderBy(desc(schema.fundingCalls.year));
  return {
    year: input.year,
    years: years.map((y) => y.year),
    total,
    calls: perCall,
    byDistrict: [...byDistrict.values()].map((b) => ({ ...b, name: DISTRICT_NAME.get(b.key) ?? b.key })).sort((a, b) => b.awardFen - a.awardFen || a.key.localeCompare(b.key)),
    byKind: [...byKind.values()].map((b) => ({ ...b, name: FUNDING_KIND_LABELS[b.key as FundingKind].zh })),
    byCategory: [...byCategory].map(([category, budgetFen]) => ({ category, budgetFen })).sort((a, b) => b.budgetFen - a.budgetFen),
  };
}

const yuan = (fen: number) => Number(formatFen(fen));

/** The office's xlsx of applications, awards and the ledger for a year (or all); audited. */
export async function exportFundingWorkbook(deps: Pick<ApiDeps, 'db'>, viewer: FundingViewer, input: { year: number | null }, now = new Date()) {
  if (!isOfficeViewer(viewer)) throw userError('FORBIDDEN', '只有工作办公室可以导出经费台账');
  const { calls, apps, entries } = await loadFunding(deps.db, input.year);
  const callTitle = new Map(calls.map((c) => [c.id, c.title]));
  const appById = new Map(apps.map((a) => [a.app.id, a]));
  const district = (code: string) => DISTRICT_NAME.get(code) ?? code;
  const file = await renderFundingXlsx({
    title: `专项活动工作经费${input.year === null ? '' : `（${input.year}年度）`}`,
    generatedAt: formatBeijingDateTime(now),
    sheets: [
      {
        name: '申请',
        columns: ['序号', '申报通知', '项目名称', '申请基地', '所在区', '项目类型', '状态', '申请金额', '资助金额', '提交时间'],
        widths: [6, 30, 30, 24, 10, 12, 16, 14, 14, 20],
        moneyColumns: [7, 8],
        rows: apps.map(({ app, baseName, districtCode }, i) => [i + 1, callTitle.get(app.callId) ?? '', app.title, baseName, district(districtCode), FUNDING_KIND_LABELS[app.kind].zh, FUNDING_STATUS_LABELS[app.status].zh, yuan(app.requestedFen), app.awardFen === null ? '' : yuan(app.awardFen), app.submittedAt ? formatBeijingDateTime(app.submittedAt) : '']),
      },
      {
        name: '资助',
        columns: ['序号', '申报通知', '项目名称', '基地', '资助金额', '已拨付', '已退回', '未拨付', '状态'],
        widths: [6, 30, 30, 24, 14, 14, 14, 14, 16],
        moneyColumns: [4, 5, 6, 7],
        rows: apps
          .filter((a) => GRANT_STATUSES.includes(a.app.status))
          .map(({ app, baseName }, i) => {
            const g = grantTotals(entries.filter((e) => e.applicationId === app.id));
            return [i + 1, callTitle.get(app.callId) ?? '', app.title, baseName, yuan(g.awardFen), yuan(g.disbursedFen), yuan(g.returnedFen), yuan(g.undisbursedFen), FUNDING_STATUS_LABELS[app.status].zh];
          }),
      },
      {
        name: '台账',
        columns: ['序号', '日期', '申报通知', '项目名称', '类型', '金额', '凭证号', '备注'],
        widths: [6, 12, 30, 30, 10, 14, 16, 30],
        moneyColumns: [5],
        rows: entries.map((e, i) => [i + 1, e.occurredOn, callTitle.get(e.callId) ?? '', appById.get(e.applicationId)?.app.title ?? '', LEDGER_KIND_LABELS[e.kind].zh, yuan(e.amountFen), e.voucherNo ?? '', e.note]),
      },
    ],
  });
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'export.funding_workbook', entityType: 'funding_call', entityId: null, data: { year: input.year, applications: apps.length, entries: entries.length } });
  return { fileName: `专项活动工作经费${input.year ?? '全部'}.xlsx`, file };
}
