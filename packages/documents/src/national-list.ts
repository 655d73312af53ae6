import { districtName } from '@ssb/domain';
import ExcelJS from 'exceljs';

/** One base on the list the city recommends to the national body (中国科协). */
export type NationalListRow = {
  number: string;
  baseName: string;
  hostUnit: string;
  uscc: string;
  category: string;
  districtCode: string;
  namedOn: string;
  validUntil: string;
  address: string;
  scientists: string[];
  contactName: string;
  contactPhone: string;
  note?: string;
};

export type NationalListInput = { batchYear: number; issuingOffice: string; rows: readonly NationalListRow[]; generatedAt: Date };

export const NATIONAL_LIST_COLUMNS = [
  '序号', '基地名称', '依托单位', '统一社会信用代码', '基地类别', '所在区', '命名编号',
  '命名日期', '有效期至', '详细地址', '展示的科学家', '联系人', '联系电话', '备注',
] as const;

export const nationalListTitle = (year: number) => `${year}年北京市科学家精神教育基地推荐名单`;

const WIDTHS = [6, 30, 30, 22, 20, 10, 20, 12, 12, 32, 24, 10, 16, 16];
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';
const HEADER_ROW = 3;

export function nationalListCells(row: NationalListRow, index: number): Array<string | number> {
  return [
    index + 1, row.baseName, row.hostUnit, row.uscc, row.category, districtName(row.districtCode), row.number,
    row.namedOn, row.validUntil, row.address, row.scientists.join('、'), row.contactName, row.contactPhone, row.note ?? '',
  ];
}

/** The national list as an xlsx workbook: A4 landscape, header repeated, codes kept as text. */
export async function renderNationalListXlsx(input: NationalListInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '科学家精神教育基地管理平台';
  workbook.created = input.generatedAt;
  const sheet = workbook.addWorksheet('推荐名单', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  sheet.columns = WIDTHS.map((width, i) => ({
    width,
    style: { font: { name: FONT, size: 10.5 }, alignment: { vertical: 'middle', horizontal: [0, 5, 6, 7, 8].includes(i) ? 'center' : 'left', wrapText: true }, ...(i === 3 ? { numFmt: '@' } : {}) },
  }));
  const last = String.fromCharCode(64 + NATIONAL_LIST_COLUMNS.length);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = nationalListTitle(input.batchYear);
  sheet.getCell('A1').font = { name: FONT, size: 18, bold: true };
  sheet.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;
  sheet.mergeCells(`A2:${last}2`);
  sheet.getCell('A2').value = `报送单位：${input.issuingOffice}\u3000\u3000共 ${input.rows.length} 个基地`;
  sheet.getCell('A2').font = { name: FONT, size: 12 };

  const header = sheet.getRow(HEADER_ROW);
  header.values = [...NATIONAL_LIST_COLUMNS];
  header.height = 26;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  input.rows.forEach((row, index) => {
    const excelRow = sheet.addRow(nationalListCells(row, index));
    excelRow.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
