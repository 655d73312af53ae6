import { FORM_SECTIONS, type FormField } from '@ssb/domain';
import { applicationContentHash, shortCodeOf, verificationUrl } from './content-hash.ts';
import type { FontOptions } from './fonts.ts';
import { formatFieldValue } from './format-value.ts';
import { drawQr, qrMatrix } from './pdf/qr.ts';
import { Sheet } from './pdf/sheet.ts';
import { drawTable, measureRow, type Cell, type TableStyle } from './pdf/table.ts';

export type ApplicationPdfInput = {
  campaign: { year: number; title?: string };
  fields: readonly FormField[];
  data: Record<string, unknown>;
  /** The applicant organization (申报单位). */
  organizationName: string;
  recommendingBodyName: string;
  applicationId: string;
  /** Where the QR code points, e.g. `https://kxjjsjd.example.cn/verify`. */
  verifyUrlBase: string;
  fonts?: FontOptions;
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const MARGINS = { top: 62, bottom: 84, left: 56, right: 56 };
const BODY = 10.5; // 五号
const LABEL_WIDTH = 100;
const LABEL_FILL = '#f3f3f3';

export const applicationTitle = (year: number) => `${year}年“科学家精神教育基地”申报表`;

/** The 申报表 as a printable A4 PDF, every page footed with the content's short code and QR code. */
export async function renderApplicationPdf(input: ApplicationPdfInput): Promise<Buffer> {
  const { fields, data } = input;
  const hash = applicationContentHash(fields, data, input);
  const shortCode = shortCodeOf(hash);
  const qr = qrMatrix(verificationUrl(input.verifyUrlBase, shortCode, input.applicationId));
  const title = applicationTitle(input.campaign.year);
  const baseName = stringOf(data.baseName);
  const hostUnit = stringOf(data.hostUnit) || input.organizationName;

  const sheet = new Sheet({
    layout: 'portrait',
    margins: MARGINS,
    fonts: input.fonts,
    info: {
      Title: baseName ? `${title}（${baseName}）` : title,
      Subject: input.campaign.title ?? title,
      Author: input.organizationName,
      Keywords: `核验码 ${shortCode}; 申报编号 ${input.applicationId}; sha256 ${hash}`,
      Creator: '科学家精神教育基地管理平台',
    },
  });

  drawTitleBlock(sheet, title, [
    ['基地名称', baseName],
    ['依托单位', hostUnit],
    ...(input.organizationName && input.organizationName !== hostUnit ? [['申报单位', input.organizationName] as [string, string]] : []),
    ['推荐单位', input.recommendingBodyName],
  ]);

  const sections = FORM_SECTIONS.map((s) => ({ ...s, fields: fields.filter((f) => f.section === s.key) })).filter((s) => s.fields.length > 0);
  sections.forEach((section, index) => drawSection(sheet, `${NUMERALS[index] ?? index + 1}、${section.zh}`, section.fields, data));
  drawSignOff(sheet, `${NUMERALS[sections.length] ?? sections.length + 1}、审核意见`);

  return sheet.finish((page, pages) => {
    const { doc } = sheet;
    const h = sheet.pageHeight;
    if (page > 0) {
      sheet.line(baseName ? `${title} · ${baseName}` : title, sheet.left, 36, 8, { color: '#555', width: sheet.contentWidth, align: 'center' });
      doc.lineWidth(0.4).strokeColor('#999').moveTo(sheet.left, 44).lineTo(sheet.right, 44).stroke();
    }
    const qrSide = 58;
    const qrTop = h - 78;
    drawQr(sheet, qr, sheet.right - qrSide, qrTop, qrSide);
    sheet.line(`核验码 ${shortCode}`, sheet.right - qrSide - 190, qrTop + 22, 9, { weight: 'bold', width: 180, align: 'right' });
    sheet.line('扫码或登录平台核对电子版', sheet.right - qrSide - 190, qrTop + 37, 7.5, { color: '#444', width: 180, align: 'right' });
    sheet.line(`申报编号 ${input.applicationId}`, sheet.left, qrTop + 37, 7.5, { color: '#444' });
    sheet.line(`第 ${page + 1} 页 共 ${pages} 页`, sheet.left, h - 30, 9, { width: sheet.contentWidth, align: 'center' });
  });
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function drawTitleBlock(sheet: Sheet, title: string, lines: Array<[string, string]>) {
  sheet.y += 8;
  sheet.line(title, sheet.left, sheet.y + 14, 18, { weight: 'bold', width: sheet.contentWidth, align: 'center' });
  sheet.y += 46;
  // Like the cover of a paper form: label, then the value on a rule.
  const labelWidth = 84;
  const x = sheet.left + 40;
  const ruleEnd = sheet.right - 40;
  for (const [label, value] of lines) {
    const valueLines = sheet.wrap(value, ruleEnd - x - labelWidth - 8, 12);
    for (let k = 0; k < Math.max(1, valueLines.length); k++) {
      const centerY = sheet.y + 11;
      if (k === 0) sheet.line(`${label}：`, x, centerY, 12, { weight: 'bold', width: labelWidth, align: 'right' });
      sheet.line(valueLines[k] ?? '', x + labelWidth + 8, centerY, 12);
      sheet.doc.lineWidth(0.6).strokeColor('#000').moveTo(x + labelWidth + 4, sheet.y + 21).lineTo(ruleEnd, sheet.y + 21).stroke();
      sheet.y += 26;
    }
  }
  sheet.y += 12;
}

const fieldStyle = (sheet: Sheet): TableStyle => {
  const value = (sheet.contentWidth - 2 * LABEL_WIDTH) / 2;
  return { widths: [LABEL_WIDTH, value, LABEL_WIDTH, value], size: BODY, lineHeight: 17, padX: 6, padY: 5, minRowHeight: 27 };
};

/** Short values share a row in pairs (label | value | label | value), as on paper forms. */
function isShort(field: FormField): boolean {
  if (field.type === 'text') return (field.maxLength ?? 500) <= 50;
  return ['number', 'select', 'date', 'uscc', 'phone', 'mobile', 'email', 'postcode', 'district', 'category'].includes(field.type);
}

const labelCell = (field: FormField): Cell => ({ text: field.label, align: 'center', fill: LABEL_FILL, balance: true, continuedText: `${field.label}（续）` });

function drawSection(sheet: Sheet, heading: string, fields: FormField[], data: Record<string, unknown>) {
  const style = fieldStyle(sheet);
  type Block = { rows: Cell[][] } | { field: FormField };
  const blocks: Block[] = [];
  const rows = () => {
    const last = blocks.at(-1);
    if (last && 'rows' in last) return last.rows;
    const fresh: Cell[][] = [];
    blocks.push({ rows: fresh });
    return fresh;
  };
  let pending: FormField | undefined;
  const flush = () => {
    if (pending) rows().push([labelCell(pending), { text: textOf(pending, data), span: 3 }]);
    pending = undefined;
  };
  for (const field of fields) {
    if (field.type === 'table') {
      flush();
      blocks.push({ field });
    } else if (field.type === 'checkbox') {
      flush();
      rows().push([{ text: field.label, span: 4, checkbox: data[field.key] === true }]);
    } else if (isShort(field)) {
      if (!pending) {
        pending = field;
        continue;
      }
      rows().push([labelCell(pending), { text: textOf(pending, data) }, labelCell(field), { text: textOf(field, data) }]);
      pending = undefined;
    } else {
      flush();
      rows().push([labelCell(field), { text: textOf(field, data), span: 3 }]);
    }
  }
  flush();

  // Keep the heading with the first row of its table.
  const first = blocks[0];
  const firstHeight = first && 'rows' in first && first.rows[0] ? Math.min(measureRow(sheet, first.rows[0], style), 120) : 80;
  sheet.ensure(34 + firstHeight);
  sheet.y += 8;
  sheet.line(heading, sheet.left, sheet.y + 10, 12, { weight: 'bold' });
  sheet.y += 26;
  for (const block of blocks) {
    if ('rows' in block) drawTable(sheet, block.rows, style);
    else drawFieldTable(sheet, block.field, data, style);
  }
  sheet.y += 6;
}

function textOf(field: FormField, data: Record<string, unknown>): string {
  const shown = formatFieldValue(field, data[field.key]);
  return shown.kind === 'text' ? shown.text : '';
}

/** A table field: its label across the row, then a real table of its rows under the column headers. */
function drawFieldTable(sheet: Sheet, field: FormField, data: Record<string, unknown>, outer: TableStyle) {
  const shown = formatFieldValue(field, data[field.key]);
  if (shown.kind !== 'table') return;
  const columns = field.columns ?? [];
  const widths = [38, ...columnWidths(sheet, columns, shown, sheet.contentWidth - 38, outer)];
  const style: TableStyle = { ...outer, widths, header: [{ text: '序号', align: 'center', fill: LABEL_FILL }, ...shown.headers.map((h) => ({ text: h, align: 'center' as const, fill: LABEL_FILL, balance: true }))] };
  const caption: Cell[] = [{ text: field.unit ? `${field.label}（${field.unit}）` : field.label, span: 4, align: 'center', fill: LABEL_FILL, weight: 'bold' }];
  // The caption, the column headers and the first row start on the same page.
  sheet.ensure(measureRow(sheet, caption, outer) + 2 * 27 + 10);
  drawTable(sheet, [caption], outer);
  const rows: Cell[][] = shown.rows.length
    ? shown.rows.map((row, i) => [
        { text: String(i + 1), align: 'center' },
        ...row.map((text, c) => ({ text, align: columns[c]?.type === 'text' ? ('left' as const) : ('center' as const) })),
      ])
    : [[{ text: '无', span: columns.length + 1, align: 'center' }]];
  drawTable(sheet, rows, style);
}

/**
 * Numbers, dates and choices get the width they need (up to a cap); free-text columns share the rest.
 */
function columnWidths(sheet: Sheet, columns: NonNullable<FormField['columns']>, shown: { headers: string[]; rows: string[][] }, total: number, style: TableStyle): number[] {
  const pad = 2 * style.padX + 2;
  const natural = columns.map((_, c) =>
    Math.max(sheet.widthOf(shown.headers[c] ?? '', style.size), ...shown.rows.map((r) => sheet.widthOf(r[c] ?? '', style.size))) + pad,
  );
  const fixed = columns.map((col, c) => (col.type === 'text' ? 0 : Math.min(Math.max(natural[c]!, 56), total * 0.3)));
  const texts = columns.filter((col) => col.type === 'text').length;
  const rest = total - fixed.reduce((a, b) => a + b, 0);
  if (texts === 0 || rest < texts * 80) {
    // No free text, or too little room left: share everything in proportion to need.
    const need = natural.reduce((a, b) => a + b, 0);
    return natural.map((n) => (n / need) * total);
  }
  const textNeed = columns.map((col, c) => (col.type === 'text' ? natural[c]! : 0));
  const textTotal = textNeed.reduce((a, b) => a + b, 0) || 1;
  return columns.map((col, c) => (col.type === 'text' ? (rest * textNeed[c]!) / textTotal : fixed[c]!));
}

/** Seal and signature boxes: the applicant's, then the recommender's opinion. */
function drawSignOff(sheet: Sheet, heading: string) {
  const style = fieldStyle(sheet);
  const applicantHeight = 120;
  const recommenderHeight = 200;
  sheet.ensure(34 + applicantHeight + recommenderHeight);
  sheet.y += 8;
  sheet.line(heading, sheet.left, sheet.y + 10, 12, { weight: 'bold' });
  sheet.y += 26;
  const boxes: Array<{ label: string; height: number; note?: string; signLeft?: string; seal: string }> = [
    { label: '申报单位意见', height: applicantHeight, note: '本单位对申报材料的真实性、准确性负责。', signLeft: '负责人（签字）：', seal: '申报单位（盖章）' },
    { label: '推荐单位意见', height: recommenderHeight, signLeft: '负责人（签字）：', seal: '推荐单位（盖章）' },
  ];
  const { doc } = sheet;
  const x = sheet.left;
  const labelWidth = style.widths[0]!;
  for (const box of boxes) {
    const y = sheet.y;
    doc.rect(x, y, labelWidth, box.height).fill(LABEL_FILL);
    doc.lineWidth(0.6).strokeColor('#000');
    doc.rect(x, y, labelWidth, box.height).stroke();
    doc.rect(x + labelWidth, y, sheet.contentWidth - labelWidth, box.height).stroke();
    const labelLines = sheet.wrap(box.label, 2 * BODY, BODY);
    labelLines.forEach((line, k) =>
      sheet.line(line, x, y + box.height / 2 + (k - (labelLines.length - 1) / 2) * 17, BODY, { width: labelWidth, align: 'center' }),
    );
    if (box.note) sheet.line(box.note, x + labelWidth + 10, y + 18, BODY);
    const right = sheet.right - 16;
    const sealWidth = 150;
    if (box.signLeft) sheet.line(box.signLeft, x + labelWidth + 10, y + box.height - 50, BODY);
    sheet.line(box.seal, right - sealWidth, y + box.height - 50, BODY, { width: sealWidth, align: 'center' });
    sheet.line('年　　月　　日', right - sealWidth, y + box.height - 24, BODY, { width: sealWidth, align: 'center' });
    sheet.y += box.height;
  }
}
