import { BASE_CATEGORIES, BEIJING_DISTRICTS, makeUscc } from '@ssb/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SUMMARY_COLUMNS, type SummaryInput, type SummaryRow } from './summary.ts';
import { renderSummaryPdf } from './summary-pdf.ts';
import { renderSummaryXlsx } from './summary-xlsx.ts';
import { pdfInfo, pdfLayoutLines, pdfPages, pdfTextCompact } from './testing/tools.ts';

const rows = (n: number): SummaryRow[] =>
  Array.from({ length: n }, (_, i) => ({
    baseName: i % 7 === 0 ? `中国科学院自然科学史研究所科学家精神教育展馆（第${i + 1}号）` : `航天科学家精神展馆${i + 1}`,
    hostUnit: i % 5 === 0 ? '中国航天科技集团有限公司第一研究院（中国运载火箭技术研究院）' : '京华航天科学家纪念馆',
    // An all-digit code: Excel would turn it into 9.1E+17 if it were stored as a number.
    uscc: i === 0 ? '911101080000000019' : makeUscc(700000 + i, '12110000'),
    category: BASE_CATEGORIES[i % BASE_CATEGORIES.length]!,
    districtCode: BEIJING_DISTRICTS[i % BEIJING_DISTRICTS.length]!.code,
    exhibitionArea: 1200 + i,
    openDaysPerYear: 300,
    annualVisitors: 80000 + i * 13,
    contactName: '王五',
    contactPhone: i % 2 ? '010-62345678' : '13800138000',
    note: i === 3 ? '与市教委推荐重复' : undefined,
  }));

const input = (n: number): SummaryInput => ({
  campaign: { year: 2022 },
  recommendingBodyName: '北京市海淀区科学技术协会',
  rows: rows(n),
  generatedAt: new Date('2022-04-06T02:00:00Z'),
});

const cellText = (value: ExcelJS.CellValue) => (value === null || value === undefined ? '' : String(value));

describe('renderSummaryXlsx', () => {
  // Its speed is measured by `pnpm bench exports`, not asserted here.
  it('writes the 12 columns, 1 000 rows, the credit code as text', async () => {
    await renderSummaryXlsx(input(10)); // loads exceljs
    const buffer = await renderSummaryXlsx(input(1000));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(cellText(sheet.getCell('A1').value)).toBe('2022年“科学家精神教育基地”申报汇总表');
    expect(cellText(sheet.getCell('A2').value)).toBe('推荐单位（盖章）：北京市海淀区科学技术协会');
    expect(cellText(sheet.getCell('I2').value)).toBe('填报日期：2022年4月6日');

    const headerRow = sheet.getRow(4);
    const header = SUMMARY_COLUMNS.map((_, c) => cellText(headerRow.getCell(c + 1).value));
    expect(header).toEqual([...SUMMARY_COLUMNS]);
    expect(headerRow.getCell(1).font?.bold).toBe(true);
    expect(headerRow.getCell(1).border?.top?.style).toBe('thin');

    const dataRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 4 && typeof row.getCell(1).value === 'number') dataRows.push(row);
    });
    expect(dataRows).toHaveLength(1000);
    const first = dataRows[0]!;
    expect(first.getCell(4).value).toBe('911101080000000019');
    expect(typeof first.getCell(4).value).toBe('string');
    expect(first.getCell(6).value).toBe('东城区');
    expect(first.getCell(9).value).toBe(80000);
    expect(dataRows[999]!.getCell(1).value).toBe(1000);
    expect(dataRows[3]!.getCell(12).value).toBe('与市教委推荐重复');

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
  });
});

describe('renderSummaryPdf', () => {
  it('is A4 landscape with the columns, rows, seal line and signature line', async () => {
    const pdf = await renderSummaryPdf(input(5));
    const info = pdfInfo(pdf);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595]);
    const text = pdfTextCompact(pdf);
    expect(text).toContain('2022年“科学家精神教育基地”申报汇总表');
    for (const column of SUMMARY_COLUMNS) expect(text).toContain(column);
    for (const expected of ['航天科学家精神展馆2', '911101080000000019', '海淀区', '1,200', '80,000', '与市教委推荐重复', '推荐单位（盖章）', '填表人', '联系电话', '日期'])
      expect(text).toContain(expected);
    expect(pdfLayoutLines(pdf)).toContain('年月日');
  });

  it('repeats the header row on every page', async () => {
    const pdf = await renderSummaryPdf(input(60));
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      const compact = page.replace(/\s+/g, '');
      expect(compact).toContain('统一社会信用代码');
      expect(compact).toContain(`第${i + 1}页共${pages.length}页`);
    });
    expect(pages.at(-1)!.replace(/\s+/g, '')).toContain('推荐单位（盖章）');
  });

  it('says so when the recommender nominates nobody', async () => {
    const pdf = await renderSummaryPdf({ ...input(0), rows: [] });
    expect(pdfTextCompact(pdf)).toContain('本单位本年度无推荐');
  });
});
