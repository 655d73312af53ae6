import { schema, type DbOrTx } from '@ssb/db';
import type { BaseStatus } from '@ssb/domain/bases';
import { expiringWithin12MonthsUntil, termCountdown } from '@ssb/domain/base-term';
import { beijingToday } from '@ssb/domain/time';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL } from 'drizzle-orm';
import { userError } from '../errors.ts';
import { pageOffset, type TPage } from '../pagination.ts';

const { bases, organizations, baseStatusEvents, users } = schema;

export type BaseFilters = TPage & { batchYear?: number; category?: string; districtCode?: string; status?: BaseStatus; q?: string; isExpiringSoon?: boolean };

export async function listBases(db: DbOrTx, filters: BaseFilters, now = new Date()) {
  const where: SQL[] = [];
  // 12 个月内到期: a term still running (active or under rectification) that ends within the next 12 months.
  if (filters.isExpiringSoon) {
    const today = beijingToday(now);
    where.push(inArray(bases.status, ['active', 'rectification']), gte(bases.validUntil, today), lte(bases.validUntil, expiringWithin12MonthsUntil(today)));
  }
  if (filters.batchYear) where.push(eq(bases.batchYear, filters.batchYear));
  if (filters.category) where.push(eq(bases.category, filters.category));
  if (filters.districtCode) where.push(eq(bases.districtCode, filters.districtCode));
  if (filters.status) where.push(eq(bases.status, filters.status));
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(bases.name, like), ilike(bases.number, like), ilike(organizations.name, like))!);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total], batches] = await Promise.all([
    db
      .select({
        id: bases.id,
        number: bases.number,
        name: bases.name,
        organizationName: organizations.name,
        batchYear: bases.batchYear,
        category: bases.category,
        districtCode: bases.districtCode,
        namedOn: bases.namedOn,
        validUntil: bases.validUntil,
        status: bases.status,
        statusNote: bases.statusNote,
        isDemo: bases.isDemo,
        version: bases.version,
      })
      .from(bases)
      .innerJoin(organizations, eq(organizations.id, bases.organizationId))
      .where(condition)
      .orderBy(desc(bases.batchYear), asc(bases.number))
      .limit(filters.pageSize)
      .offset(pageOffset(filters)),
    db.select({ n: count() }).from(bases).innerJoin(organizations, eq(organizations.id, bases.organizationId)).where(condition),
    db.selectDistinct({ year: bases.batchYear }).from(bases).orderBy(desc(bases.batchYear)),
  ]);
  const items = rows.map((row) => ({ ...row, countdown: row.status === 'active' || row.status === 'rectification' ? termCountdown(row.validUntil, now) : null }));
  return { total: total?.n ?? 0, items, batchYears: batches.map((b) => b.year) };
}

/** One base with every status change, oldest first, and who made it. */
export async function getBaseWithHistory(db: DbOrTx, input: { baseId: string }) {
  const [found] = await db.select({ base: bases, organizationName: organizations.name }).from(bases).innerJoin(organizations, eq(organizations.id, bases.organizationId)).where(eq(bases.id, input.baseId));
  if (!found) throw userError('NOT_FOUND', '基地不存在');
  const base = { ...found.base, organizationName: found.organizationName };
  const history = await db
    .select({ seq: baseStatusEvents.seq, fromStatus: baseStatusEvents.fromStatus, toStatus: baseStatusEvents.toStatus, reason: baseStatusEvents.reason, at: baseStatusEvents.at, actorName: users.name })
    .from(baseStatusEvents)
    .leftJoin(users, eq(users.id, baseStatusEvents.actorUserId))
    .where(eq(baseStatusEvents.baseId, base.id))
    .orderBy(asc(baseStatusEvents.seq));
  return { ...base, history };
}
