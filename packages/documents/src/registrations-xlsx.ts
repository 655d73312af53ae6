import ExcelJS from 'exceljs';

/** One registration as the host's workbook lists it; name/phone/email are null once deleted after the event. */
export type RegistrationSheetRow = {
  seq: number;
  code: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  schoolName: string | null;
  audience: string;
  seats: number;
  status: string;
  registeredAt: string;
  checkedInAt: string;
};

export type RegistrationsSheetInput = {
  eventTitle: string;
  eventPeriod: string;
  place: string;
  capacity: number | null;
  generatedAt: string;
  /** Set when registrants' personal data has been deleted: the sheets say so instead of showing blanks. */
  purgedNote: string | null;
  registrations: readonly RegistrationSheetRow[];
  waiting: readonly RegistrationSheetRow[];
  attendance: { checkedIn: number; walkIns: number; total: number; confirmedSeats: number; waitlistedSeats: number };
};

export const REGISTRATION_SHEET_COLUMNS = ['序号', '签到码', '姓名', '手机号码', '电子邮箱', '学校或单位', '参加人群', '人数', '状态', '报名时间（北京时间）', '签到时间（北京时间）'] as const;
const WIDTHS = [6, 10, 12, 14, 24, 24, 12, 7, 14, 22, 22];
const FONT = '宋体';
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function listSheet(workbook: ExcelJS.Workbook, name: string, input: RegistrationsSheetInput, rows: readonly RegistrationSheetRow[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = WIDTHS.map((width, i) => ({ width, style: { font: { name: FONT, size: 10.5 }, alignment: { vertical: 'middle', wrapText: true, horizontal: i === 0 || i === 7 ? 'center' : 'left' }, ...(i === 3 ? { numFmt: '@' } : {}) } }));
  sheet.mergeCells('A1:K1');
  sheet.getCell('A1').value = `${input.eventTitle}·${name}`;
  sheet.getCell('A1').font = { name: FONT, size: 16, bold: true };
  sheet.mergeCells('A2:K2');
  sheet.getCell('A2').value = `时间：${input.eventPeriod}；地点：${input.place}；导出时间：${input.generatedAt}${input.purgedNote ? `；${input.purgedNote}` : ''}`;
  const header = sheet.getRow(3);
  header.values = [...REGISTRATION_SHEET_COLUMNS];
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  for (const row of rows) {
    const excelRow = sheet.addRow([row.seq, row.code, row.name ?? '', row.phone ?? '', row.email ?? '', row.schoolName ?? '', row.audience, row.seats, row.status, row.registeredAt, row.checkedInAt]);
    excelRow.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
  }
  return sheet;
}

/** The host's workbook of one event: every registration, the waiting list in its order, and the door's count. */
export async function renderRegistrationsXlsx(input: RegistrationsSheetInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '科学家精神教育基地资源共享平台';
  listSheet(workbook, '报名名单', input, input.registrations);
  listSheet(workbook, '候补名单', input, input.waiting);
  const totals = workbook.addWorksheet('签到统计');
  totals.columns = [{ width: 24 }, { width: 14 }];
  totals.addRows([
    ['活动', input.eventTitle],
    ['时间', input.eventPeriod],
    ['名额', input.capacity ?? '不限'],
    ['已确认人数', input.attendance.confirmedSeats],
    ['候补人数', input.attendance.waitlistedSeats],
    ['签到人数（报名）', input.attendance.checkedIn],
    ['现场登记人数', input.attendance.walkIns],
    ['实到人数合计', input.attendance.total],
  ]);
  totals.getColumn(1).font = { name: FONT, size: 10.5, bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
