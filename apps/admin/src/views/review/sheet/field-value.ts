import type { FormField } from '@ssb/domain/application-form';
import { districtName } from '@ssb/domain/districts';

export type ShownValue = { kind: 'text'; text: string } | { kind: 'table'; columns: string[]; rows: string[][] };

const cell = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : String(value));

/** How one answer of the application form reads on the expert's page. */
export function showFieldValue(field: FormField, value: unknown, yesNo: { yes: string; no: string }): ShownValue {
  if (field.type === 'table') {
    const columns = field.columns ?? [];
    const rows = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
    return { kind: 'table', columns: columns.map((c) => c.label), rows: rows.map((r) => columns.map((c) => cell(r[c.key]))) };
  }
  if (value === undefined || value === null || value === '') return { kind: 'text', text: '—' };
  if (field.type === 'checkbox') return { kind: 'text', text: value ? yesNo.yes : yesNo.no };
  if (field.type === 'district') return { kind: 'text', text: districtName(String(value)) };
  if (field.type === 'select') return { kind: 'text', text: field.options?.find((o) => o.value === value)?.label ?? String(value) };
  if (field.type === 'number') return { kind: 'text', text: `${Number(value).toLocaleString('zh-CN')}${field.unit ? ` ${field.unit}` : ''}` };
  return { kind: 'text', text: String(value) };
}
