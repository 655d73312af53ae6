/** One column of a CSV export: its header and how to read the value from a row. */
export type CsvColumn<T> = {
  header: string;
  value: keyof T | ((row: T) => unknown);
};

const BOM = '\uFEFF';
// Excel runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return FORMULA_START.test(value) && !/^[-+]?\d[\d.,]*$/.test(value) ? `'${value}` : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function quote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so Excel opens Chinese text correctly) and CRLF line
 * ends. Text that Excel would run as a formula is prefixed with an apostrophe.
 */
export function renderCsv<T>(rows: readonly T[], columns: ReadonlyArray<CsvColumn<T>>): string {
  const lines = [columns.map((c) => quote(c.header)).join(',')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => quote(cellText(typeof c.value === 'function' ? c.value(row) : row[c.value])))
        .join(','),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
