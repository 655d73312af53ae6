import { normalizeShortCode } from '@ssb/documents';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { getNomination } from '../intake/intake-actions.ts';
import { loadNominations, type Nomination } from '../intake/load-nominations.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the office typed or a USB scanner "typed" from the QR: either a short code, or the QR's URL
 * (…/admin/paper-check?code=XXXXX-XXXXX&id=<application>). Returns the code and the id when present.
 */
export function parsePaperInput(text: string): { code: string | null; applicationId: string | null } {
  const trimmed = text.trim();
  const query = trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1) : null;
  if (query) {
    const params = new URLSearchParams(query);
    const id = params.get('id');
    return { code: normalizeShortCode(params.get('code') ?? ''), applicationId: id && UUID.test(id) ? id : null };
  }
  return { code: normalizeShortCode(trimmed), applicationId: null };
}

export type PaperMatch = 'matching' | 'stale' | 'not_found';

const summaryOf = (n: Nomination) => ({
  id: n.application.id,
  baseName: (n.application.data.baseName as string | undefined) || n.application.organization.name,
  organizationName: n.application.organization.name,
  recommendingBodyName: n.application.recommendingBody?.name ?? null,
  currentCode: n.shortCode,
  receivedAt: n.receipt?.receivedAt ?? null,
  paper: n.paper,
});

/** The application a code was printed for, from the export log (codes of older versions included). */
async function applicationPrintedWithCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ id: schema.auditLog.entityId })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, 'application'), sql`${schema.auditLog.data}->>'shortCode' = ${code}`))
    .orderBy(desc(schema.auditLog.seq))
    .limit(1);
  return row?.id ?? null;
}

const EXPORTS = ['export.application_pdf', 'export.materials_zip'];

/**
 * Whether a paper copy shows the current version: its code is today's, or it was printed for this very
 * version (codes printed under an earlier rule, e.g. before a field added later stopped counting).
 */
async function showsCurrentVersion(db: DbOrTx, nomination: Nomination, code: string) {
  if (nomination.shortCode === code) return true;
  const [printed] = await db
    .select({ seq: schema.auditLog.seq })
    .from(schema.auditLog)
    .where(
      and(
        eq(schema.auditLog.entityType, 'application'),
        eq(schema.auditLog.entityId, nomination.application.id),
        inArray(schema.auditLog.action, EXPORTS),
        sql`${schema.auditLog.data}->>'shortCode' = ${code}`,
        sql`${schema.auditLog.data}->>'version' = ${String(nomination.application.version)}`,
      ),
    )
    .limit(1);
  return printed !== undefined;
}

/**
 * Compares a paper copy with the current electronic version: 一致, 不一致 (the paper shows an older
 * version: edited since it was printed), or 未找到 (no nomination ever printed this code).
 */
export async function checkPaper(db: DbOrTx, campaignId: string, text: string) {
  const { code, applicationId } = parsePaperInput(text);
  if (!code) return { result: 'invalid' as const, code: null, nomination: null };
  let id = applicationId;
  if (!id) {
    const current = (await loadNominations(db, campaignId)).find((n) => n.shortCode === code);
    if (current) return { result: 'matching' as const, code, nomination: summaryOf(current) };
    id = await applicationPrintedWithCode(db, code);
  }
  const nomination = id ? await getNomination(db, id).catch(() => null) : null;
  if (!nomination || nomination.application.campaignId !== campaignId) return { result: 'not_found' as const, code, nomination: null };
  const result: PaperMatch = (await showsCurrentVersion(db, nomination, code)) ? 'matching' : 'stale';
  return { result, code, nomination: summaryOf(nomination) };
}

/** Records the paper copy as received with the code read from it; a stale copy is recorded as such. */
export async function markPaperReceived(deps: ApiDeps, userId: string, input: { applicationId: string; code: string }) {
  const code = normalizeShortCode(input.code);
  if (!code) throw userError('BAD_REQUEST', '核验码格式不正确，应为 10 位字母数字，如 7K3QW-9XH2M');
  const nomination = await getNomination(deps.db, input.applicationId);
  const matchesCurrent = await showsCurrentVersion(deps.db, nomination, code);
  await deps.db.transaction(async (tx) => {
    await tx.insert(schema.paperReceipts).values({ applicationId: input.applicationId, code, matchesCurrent, applicationVersion: nomination.application.version, receivedBy: userId });
    await appendAudit(tx, { actorUserId: userId, action: 'paper.received', entityType: 'application', entityId: input.applicationId, data: { code, matchesCurrent, version: nomination.application.version } });
  });
  return { matchesCurrent, nomination: summaryOf(await getNomination(deps.db, input.applicationId)) };
}

/** The lists the office works through: nominations without paper, and those whose paper is not the current version. */
export async function paperOverview(db: DbOrTx, campaignId: string) {
  const all = await loadNominations(db, campaignId);
  return {
    total: all.length,
    matching: all.filter((n) => n.paper === 'matching').length,
    missing: all.filter((n) => n.paper === 'missing').map(summaryOf),
    mismatched: all.filter((n) => n.paper === 'stale').map((n) => ({ ...summaryOf(n), receivedCode: n.receipt!.code })),
  };
}
