import ExcelJS from 'exceljs';
import { beijingDate, SUMMARY_COLUMNS, SUMMARY_UNITS_NOTE, summaryCells, summaryTitle, type SummaryInput } from './summary.ts';

const WIDTHS = [6, 28, 28, 22, 20, 12, 11, 11, 12, 10, 16, 20];
const CENTERED = new Set([0, 3, 5, 9, 10]);
const NUMERIC = new Set([6, 7, 8]);
const HEADER_ROW = 4;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';

/** The 申报汇总表 as an Excel workbook, set up to print on A4 landscape with the header on every page. */
export async function renderSummaryXlsx(input: SummaryInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '科学家精神教育基地管理平台';
  workbook.created = input.generatedAt;
  const sheet = workbook.addWorksheet('申报汇总表', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  sheet.columns = WIDTHS.map((width, i) => ({
    width,
    style: {
      font: { name: FONT, size: 10.5 },
      alignment: { vertical: 'middle', horizontal: CENTERED.has(i) || NUMERIC.has(i) ? 'center' : 'left', wrapText: true },
      ...(i === 3 ? { numFmt: '@' } : {}),
    },
  }));
  const last = String.fromCharCode(64 + SUMMARY_COLUMNS.length);

  sheet.mergeCells(`A1:${last}1`);
  const title = sheet.getCell('A1');
  title.value = summaryTitle(input.campaign.year);
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;

  sheet.mergeCells('A2:H2');
  sheet.mergeCells(`I2:${last}2`);
  sheet.getCell('A2').value = `推荐单位（盖章）：${input.recommendingBodyName}`;
  sheet.getCell('A2').font = { name: FONT, size: 12 };
  sheet.getCell('A2').alignment = { horizontal: 'left', vertical: 'middle' };
  sheet.getCell('I2').value = `填报日期：${beijingDate(input.generatedAt)}`;
  sheet.getCell('I2').font = { name: FONT, size: 12 };
  sheet.getCell('I2').alignment = { horizontal: 'right', vertical: 'middle' };
  sheet.getRow(2).height = 24;

  sheet.mergeCells(`A3:${last}3`);
  sheet.getCell('A3').value = SUMMARY_UNITS_NOTE;
  sheet.getCell('A3').font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
  sheet.getCell('A3').alignment = { horizontal: 'left', vertical: 'middle' };

  const header = sheet.getRow(HEADER_ROW);
  header.values = [...SUMMARY_COLUMNS];
  header.height = 28;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });

  input.rows.forEach((row, index) => {
    const cells = summaryCells(row, index);
    const excelRow = sheet.addRow(cells);
    cells.forEach((value, c) => {
      const cell = excelRow.getCell(c + 1);
      cell.border = BORDER;
      if (typeof value === 'number' && NUMERIC.has(c)) cell.numFmt = Number.isInteger(value) ? '#,##0' : '#,##0.00';
    });
  });

  // Sign-off lines under the table, for the sealed paper copy.
  sheet.addRow([]);
  const signRow = sheet.addRow([]);
  sheet.mergeCells(`A${signRow.number}:H${signRow.number}`);
  sheet.mergeCells(`I${signRow.number}:${last}${signRow.number}`);
  signRow.getCell(1).value = '填表人：                联系电话：                    日期：';
  signRow.getCell(9).value = '推荐单位（盖章）';
  signRow.getCell(9).alignment = { horizontal: 'center', vertical: 'middle' };
  signRow.height = 30;
  const dateRow = sheet.addRow([]);
  sheet.mergeCells(`I${dateRow.number}:${last}${dateRow.number}`);
  dateRow.getCell(9).value = '年　　月　　日';
  dateRow.getCell(9).alignment = { horizontal: 'center', vertical: 'middle' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
