import type { FormField } from './application-form.ts';

/**
 * How much one field may hold, in a draft as at submission: a form that stays within these renders
 * to PDF in a moment. A field's own `maxLength` / `maxRows` narrows them.
 */
export const FORM_LIMITS = {
  /** Characters of a one-line text field without its own maxLength. */
  text: 2000,
  /** Characters of a long text (textarea) without its own maxLength. */
  textarea: 10_000,
  /** Rows of a table without its own maxRows. */
  tableRows: 200,
  /** Characters of one table cell. */
  cell: 500,
  /** Characters of any other value typed as text (a number, a date, a code being typed). */
  shortValue: 200,
} as const;

export function fieldLimits(field: Pick<FormField, 'type' | 'maxLength' | 'maxRows'>) {
  return {
    maxLength: field.maxLength ?? (field.type === 'textarea' ? FORM_LIMITS.textarea : field.type === 'text' ? FORM_LIMITS.text : FORM_LIMITS.shortValue),
    maxRows: field.maxRows ?? FORM_LIMITS.tableRows,
    cellLength: FORM_LIMITS.cell,
  };
}

export type LimitProblem = { key: string; path: string; message: string };

const lengthOf = (value: unknown) => (typeof value === 'string' ? value.length : typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined ? 0 : Infinity);

/**
 * What in a draft goes beyond a field's limits, with the field's path (`activities.3.title`) and a
 * message naming it. Incomplete or invalid values are fine in a draft; oversize ones are not.
 */
export function draftLimitProblems(fields: readonly FormField[], data: Record<string, unknown>): LimitProblem[] {
  const problems: LimitProblem[] = [];
  for (const field of fields) {
    const value = data[field.key];
    if (value === undefined || value === null || value === '') continue;
    const limits = fieldLimits(field);
    if (field.type === 'table') {
      if (!Array.isArray(value)) {
        problems.push({ key: field.key, path: field.key, message: `${field.label}须为表格` });
        continue;
      }
      if (value.length > limits.maxRows) {
        problems.push({ key: field.key, path: field.key, message: `${field.label}最多 ${limits.maxRows} 行（现有 ${value.length} 行）` });
        continue;
      }
      const columns = field.columns ?? [];
      value.forEach((row: unknown, index) => {
        const cells = row && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : null;
        if (!cells || Object.keys(cells).some((k) => !columns.some((c) => c.key === k))) {
          problems.push({ key: field.key, path: `${field.key}.${index}`, message: `${field.label}第 ${index + 1} 行格式有误` });
          return;
        }
        for (const column of columns) {
          if (lengthOf(cells[column.key]) > limits.cellLength) {
            problems.push({ key: field.key, path: `${field.key}.${index}.${column.key}`, message: `${field.label}第 ${index + 1} 行“${column.label}”不能超过 ${limits.cellLength} 字` });
          }
        }
      });
      continue;
    }
    const length = lengthOf(value);
    if (length > limits.maxLength) {
      const message = length === Infinity ? `${field.label}填写有误` : `${field.label}不能超过 ${limits.maxLength} 字（现有 ${length} 字）`;
      problems.push({ key: field.key, path: field.key, message });
    }
  }
  return problems;
}
