import { districtName, type FormField } from '@ssb/domain';

/** How one field of the 申报表 reads on paper: labels instead of codes, numbers with their units. */
export type DisplayValue =
  | { kind: 'text'; text: string }
  | { kind: 'checkbox'; checked: boolean }
  | { kind: 'table'; headers: string[]; rows: string[][] };

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

export function formatNumber(value: number, unit?: string): string {
  const text = numberFormat.format(value);
  if (!unit) return text;
  return CJK.test(unit[0] ?? '') ? `${text}${unit}` : `${text} ${unit}`;
}

/** `2021-09-10` → `2021年9月10日`; anything else is shown as typed. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

function plain(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? numberFormat.format(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

type Column = NonNullable<FormField['columns']>[number];
function formatCell(column: Column, value: unknown): string {
  if (column.type === 'number' && typeof value === 'number') return numberFormat.format(value);
  if (column.type === 'date' && typeof value === 'string') return formatDate(value);
  return plain(value);
}

export function formatFieldValue(field: FormField, value: unknown): DisplayValue {
  switch (field.type) {
    case 'checkbox':
      return { kind: 'checkbox', checked: value === true };
    case 'table': {
      const columns = field.columns ?? [];
      const rows = Array.isArray(value) ? value : [];
      return {
        kind: 'table',
        headers: columns.map((c) => c.label),
        rows: rows.map((row) => columns.map((c) => formatCell(c, (row as Record<string, unknown> | null)?.[c.key]))),
      };
    }
    case 'number':
      return { kind: 'text', text: typeof value === 'number' && Number.isFinite(value) ? formatNumber(value, field.unit) : plain(value) };
    case 'select':
      return { kind: 'text', text: field.options?.find((o) => o.value === value)?.label ?? plain(value) };
    case 'district':
      return { kind: 'text', text: typeof value === 'string' ? districtName(value) : plain(value) };
    case 'date':
      return { kind: 'text', text: typeof value === 'string' ? formatDate(value) : plain(value) };
    case 'uscc':
      return { kind: 'text', text: typeof value === 'string' ? value.trim().toUpperCase() : plain(value) };
    default:
      // text, textarea, category (its values are its labels), phone, mobile, email, postcode
      return { kind: 'text', text: plain(value).replace(/\r\n?/g, '\n') };
  }
}
