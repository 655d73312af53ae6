import type { FormField } from '@ssb/domain/application-form';
import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { stableStringify } from './draft-storage.ts';

export type Row = Record<string, unknown>;
export type Locale = 'zh-CN' | 'en';

export const fieldLabel = (field: Pick<FormField, 'label' | 'labelEn'>, locale: Locale) =>
  locale === 'en' && field.labelEn ? field.labelEn : field.label;

export const isBlank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * A typed number as the form keeps it: a number when it reads as one, nothing when empty, and the
 * text itself otherwise — so the shared validator says "须为数字" instead of the input eating it.
 */
export function parseNumberInput(text: string): number | string | null {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

/** One value as a reader sees it: option labels, district names, numbers with their unit. */
export function displayValue(field: FormField, value: unknown, locale: Locale, words: { yes: string; no: string; rows: (n: number) => string }): string {
  if (isBlank(value)) return '';
  switch (field.type) {
    case 'select':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'district': {
      const district = BEIJING_DISTRICTS.find((d) => d.code === value);
      return district ? (locale === 'en' ? district.nameEn : district.name) : String(value);
    }
    case 'number':
      return field.unit ? `${String(value)} ${field.unit}` : String(value);
    case 'checkbox':
      return value === true ? words.yes : words.no;
    case 'table': {
      if (!Array.isArray(value)) return String(value);
      const columns = field.columns ?? [];
      const lines = (value as Row[]).map((row) => columns.map((c) => (isBlank(row[c.key]) ? '—' : String(row[c.key]))).join(' / '));
      return [words.rows(value.length), ...lines].join('\n');
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export type FieldDifference = { key: string; field: FormField | null; mine: unknown; theirs: unknown };

/** The fields two versions of a form disagree on, in form order; keys the form does not know come last. */
export function differingFields(fields: readonly FormField[], mine: Record<string, unknown>, theirs: Record<string, unknown>): FieldDifference[] {
  const same = (a: unknown, b: unknown) => (isBlank(a) && isBlank(b)) || stableStringify(a) === stableStringify(b);
  const known = new Set(fields.map((f) => f.key));
  const differences: FieldDifference[] = fields
    .filter((f) => !same(mine[f.key], theirs[f.key]))
    .map((f) => ({ key: f.key, field: f, mine: mine[f.key], theirs: theirs[f.key] }));
  const extra = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => !known.has(k) && !same(mine[k], theirs[k]));
  return [...differences, ...extra.map((key) => ({ key, field: null, mine: mine[key], theirs: theirs[key] }))];
}

/** An empty row for a table field: each column blank. */
export const emptyRow = (field: FormField): Row => Object.fromEntries((field.columns ?? []).map((c) => [c.key, c.type === 'number' ? null : '']));
