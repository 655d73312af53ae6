import ExcelJS from 'exceljs';

/** One sheet of the office's funding workbook: a title, column headers and rows (amounts already in yuan). */
export type FundingSheet = { name: string; columns: readonly string[]; widths: readonly number[]; rows: ReadonlyArray<ReadonlyArray<string | number>>; moneyColumns: readonly number[] };
export type FundingWorkbookInput = { title: string; generatedAt: string; sheets: readonly FundingSheet[] };

const FONT = '宋体';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The office's export of special activity funding (applications, awards, the ledger): one sheet each,
 * amounts as numbers with two decimals so the sheet can sum them.
 */
export async function renderFundingXlsx(input: FundingWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '科学家精神教育基地资源共享平台';
  for (const spec of input.sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.columns = spec.widths.map((width, i) => ({ width, style: { font: { name: FONT, size: 10.5 }, alignment: { vertical: 'middle', wrapText: true }, ...(spec.moneyColumns.includes(i) ? { numFmt: '#,##0.00' } : {}) } }));
    const last = String.fromCharCode(64 + spec.columns.length);
    sheet.mergeCells(`A1:${last}1`);
    sheet.getCell('A1').value = `${input.title}·${spec.name}`;
    sheet.getCell('A1').font = { name: FONT, size: 16, bold: true };
    sheet.mergeCells(`A2:${last}2`);
    sheet.getCell('A2').value = `导出时间：${input.generatedAt}（北京时间）；金额单位：元`;
    const header = sheet.getRow(3);
    header.values = [...spec.columns];
    header.eachCell((cell) => {
      cell.font = { name: FONT, size: 10.5, bold: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
    for (const row of spec.rows) sheet.addRow([...row]).eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
