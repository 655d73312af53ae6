import { MEDIA_RULES, type MediaKind } from '@ssb/domain/media';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { and, count, eq } from 'drizzle-orm';

export async function countMaterials(db: DbOrTx, applicationId: string, kind: MediaKind) {
  const [row] = await db
    .select({ n: count() })
    .from(schema.materials)
    .where(and(eq(schema.materials.applicationId, applicationId), eq(schema.materials.kind, kind)));
  return row?.n ?? 0;
}

const NAMES: Record<MediaKind, { noun: string; unit: string }> = { photo: { noun: '照片', unit: '张' }, video: { noun: '视频', unit: '个' } };

/** What is missing or too many before an application can be submitted, in the user's words. */
export async function materialProblems(db: DbOrTx, applicationId: string) {
  const problems: string[] = [];
  for (const kind of ['photo', 'video'] as const) {
    const n = await countMaterials(db, applicationId, kind);
    const rule = MEDIA_RULES[kind];
    if (n < rule.minCount || n > rule.maxCount) {
      problems.push(`${NAMES[kind].noun}须 ${rule.minCount}–${rule.maxCount} ${NAMES[kind].unit}（现有 ${n} ${NAMES[kind].unit}）`);
    }
  }
  return problems;
}

export const tooManyMessage = (kind: MediaKind) =>
  `${NAMES[kind].noun}最多 ${MEDIA_RULES[kind].maxCount} ${NAMES[kind].unit}，请先删除不需要的${NAMES[kind].noun}`;
