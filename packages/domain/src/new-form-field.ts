import { z } from 'zod';
import { ZFormField, type FormField } from './application-form.ts';

/**
 * What the office fills in to add a field: its name, section, type and limits. The office never sees
 * a key; the server gives the field one (`extra1`, `extra2`, …) and each option its own label as value.
 */
export const ZNewFormField = ZFormField.omit({ key: true, options: true, columns: true }).extend({
  options: z
    .array(z.object({ label: z.string().trim().min(1, { error: '请填写选项名称' }).max(60) }))
    .max(50)
    .refine((list) => new Set(list.map((o) => o.label)).size === list.length, { error: '选项名称不能重复' })
    .optional(),
});
export type NewFormField = z.infer<typeof ZNewFormField>;

const EXTRA_KEY = /^extra(\d+)$/;

/** The next unused key of an added field: one more than any `extra<n>` so far, never reused. */
export function nextFieldKey(existing: readonly Pick<FormField, 'key'>[]): string {
  const taken = existing.map((f) => EXTRA_KEY.exec(f.key)).filter((m) => m !== null).map((m) => Number(m[1]));
  return `extra${Math.max(0, ...taken) + 1}`;
}

/** The field as stored: a generated key, and option values equal to what the applicant sees. */
export function fieldFromNew(field: NewFormField, existing: readonly Pick<FormField, 'key'>[]): FormField {
  const { options, ...rest } = field;
  return { ...rest, key: nextFieldKey(existing), ...(options ? { options: options.map((o) => ({ value: o.label, label: o.label })) } : {}) };
}
