import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv.ts';

describe('renderCsv', () => {
  type Row = { name: string; visitors: number | null; note?: string };
  const columns = [
    { header: '基地名称', value: 'name' as const },
    { header: '年接待人次', value: 'visitors' as const },
    { header: '备注', value: (r: Row) => r.note },
  ];

  it('starts with a UTF-8 BOM, ends lines with CRLF and keeps Chinese text', () => {
    const csv = renderCsv<Row>([{ name: '航天科学家精神展馆', visitors: 80000 }], columns);
    expect(csv.startsWith('\uFEFF基地名称,年接待人次,备注\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF基地名称,年接待人次,备注\r\n航天科学家精神展馆,80000,\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    const csv = renderCsv<Row>([{ name: '甲,乙', visitors: null, note: '他说"好"\n第二行' }, { name: ' 前后空格 ', visitors: 1 }], columns);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('"甲,乙",,"他说""好""\n第二行"');
    expect(lines[2]).toBe('" 前后空格 ",1,');
  });

  it('defuses text Excel would run as a formula, but not negative numbers', () => {
    const csv = renderCsv<Row>([{ name: '=HYPERLINK("x")', visitors: -1, note: '-5' }], columns);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-1,-5`);
  });
});
