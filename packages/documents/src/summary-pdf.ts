import type { FontOptions } from './fonts.ts';
import { formatNumber } from './format-value.ts';
import { Sheet } from './pdf/sheet.ts';
import { drawTable, type Cell, type TableStyle } from './pdf/table.ts';
import { beijingDate, SUMMARY_COLUMNS, SUMMARY_UNITS_NOTE, summaryCells, summaryTitle, type SummaryInput } from './summary.ts';

const MARGINS = { top: 48, bottom: 52, left: 36, right: 36 };
// Points, for the 770 pt wide body of A4 landscape; 备注 takes what is left.
const WIDTHS = [28, 96, 96, 112, 76, 48, 48, 40, 52, 44, 72];
const CENTERED = new Set([0, 3, 5, 6, 7, 8, 9, 10]);
const SIZE = 9;
const SIGN_OFF_HEIGHT = 70;

/** The 申报汇总表 as an A4 landscape PDF with the header row on every page and the seal line at the end. */
export async function renderSummaryPdf(input: SummaryInput & { fonts?: FontOptions }): Promise<Buffer> {
  const title = summaryTitle(input.campaign.year);
  const sheet = new Sheet({
    layout: 'landscape',
    margins: MARGINS,
    fonts: input.fonts,
    info: { Title: `${title}（${input.recommendingBodyName}）`, Author: input.recommendingBodyName, Creator: '科学家精神教育基地管理平台' },
  });

  sheet.line(title, sheet.left, sheet.y + 12, 18, { weight: 'bold', width: sheet.contentWidth, align: 'center' });
  sheet.y += 40;
  sheet.line(`推荐单位（盖章）：${input.recommendingBodyName}`, sheet.left, sheet.y + 8, 11);
  sheet.line(`填报日期：${beijingDate(input.generatedAt)}`, sheet.left, sheet.y + 8, 11, { width: sheet.contentWidth, align: 'right' });
  sheet.y += 22;
  sheet.line(SUMMARY_UNITS_NOTE, sheet.left, sheet.y + 6, 8, { color: '#444' });
  sheet.y += 16;

  const widths = [...WIDTHS, sheet.contentWidth - WIDTHS.reduce((a, b) => a + b, 0)];
  const style: TableStyle = {
    widths,
    size: SIZE,
    lineHeight: 13,
    padX: 4,
    padY: 4,
    minRowHeight: 24,
    // The seal line stays on the page of the last rows, never alone on a page of its own.
    tailHeight: SIGN_OFF_HEIGHT,
    header: SUMMARY_COLUMNS.map((text) => ({ text, align: 'center', weight: 'bold', fill: '#f2f2f2', balance: true })),
  };
  const rows: Cell[][] = input.rows.map((row, index) =>
    summaryCells(row, index).map((value, c) => ({
      text: typeof value === 'number' ? (c === 0 ? String(value) : formatNumber(value)) : (value ?? ''),
      align: CENTERED.has(c) ? 'center' : 'left',
    })),
  );
  if (rows.length === 0) rows.push([{ text: '（本单位本年度无推荐）', span: SUMMARY_COLUMNS.length, align: 'center' }]);
  drawTable(sheet, rows, style);

  sheet.ensure(SIGN_OFF_HEIGHT);
  sheet.y += 26;
  const sealX = sheet.right - 200;
  sheet.line('填表人：', sheet.left, sheet.y, 11);
  sheet.line('联系电话：', sheet.left + 180, sheet.y, 11);
  sheet.line('日期：', sheet.left + 400, sheet.y, 11);
  for (const [from, to] of [[48, 170], [240, 390], [436, 540]] as const) {
    sheet.doc.lineWidth(0.6).strokeColor('#000').moveTo(sheet.left + from, sheet.y + 9).lineTo(sheet.left + to, sheet.y + 9).stroke();
  }
  sheet.line('推荐单位（盖章）', sealX, sheet.y, 11, { width: 200, align: 'center' });
  sheet.line('年　　月　　日', sealX, sheet.y + 28, 11, { width: 200, align: 'center' });
  sheet.y += 40;

  return sheet.finish((page, pages) => {
    sheet.line(`${title} · ${input.recommendingBodyName}`, sheet.left, sheet.pageHeight - 28, 8, { color: '#555' });
    sheet.line(`第 ${page + 1} 页 共 ${pages} 页`, sheet.left, sheet.pageHeight - 28, 9, { width: sheet.contentWidth, align: 'center' });
  });
}
