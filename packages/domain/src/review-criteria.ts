import { z } from 'zod';
import type { ReviewCriterion } from './selection.ts';

/**
 * A score item as the office edits it: a name, a weight and full marks. An item keeps the key it was
 * given (scores are stored by it); a new item has none, and `withCriterionKeys` gives it one.
 */
export const ZReviewCriterionInput = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/).optional(),
  label: z.string().trim().min(2, { error: '请填写评分项名称' }).max(60),
  labelEn: z.string().trim().max(80).optional(),
  weight: z.number().positive({ error: '权重须大于 0' }).max(100),
  maxScore: z.number().int().min(1).max(1000),
});
export type ReviewCriterionInput = z.infer<typeof ZReviewCriterionInput>;

export const ZReviewCriteriaInput = z
  .array(ZReviewCriterionInput)
  .min(1, { error: '评分表至少需要一个评分项' })
  .max(20)
  .refine((list) => new Set(list.map((c) => c.label)).size === list.length, { error: '评分项名称不能重复' })
  .refine((list) => { const keys = list.flatMap((c) => (c.key ? [c.key] : [])); return new Set(keys).size === keys.length; }, { error: '评分项重复，请删除其中一项' });

/** Every item with a key: kept where it has one, else the first free `c<n>`. */
export function withCriterionKeys(list: readonly ReviewCriterionInput[]): ReviewCriterion[] {
  const taken = new Set(list.flatMap((c) => (c.key ? [c.key] : [])));
  let n = 0;
  const nextKey = () => {
    do n += 1;
    while (taken.has(`c${n}`));
    taken.add(`c${n}`);
    return `c${n}`;
  };
  return list.map(({ key, ...rest }) => ({ key: key ?? nextKey(), ...rest }));
}

const itemText = (c: ReviewCriterion) => JSON.stringify([c.key, c.label, c.labelEn ?? null, c.weight, c.maxScore]);

/** Whether two score sheets are the same, item by item (the stored order of an item's keys does not count). */
export const sameCriteria = (a: readonly ReviewCriterion[], b: readonly ReviewCriterion[]) =>
  a.length === b.length && a.every((c, i) => itemText(c) === itemText(b[i]!));
