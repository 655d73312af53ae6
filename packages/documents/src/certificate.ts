import type { FontOptions } from './fonts.ts';
import { drawQr, qrMatrix } from './pdf/qr.ts';
import { Sheet } from './pdf/sheet.ts';

export type CertificateInput = {
  baseId: string;
  baseName: string;
  /** The unit that holds the title, when it differs from the base's name. */
  organizationName?: string;
  number: string;
  batchYear: number;
  /** YYYY-MM-DD, Beijing calendar days. */
  namedOn: string;
  validUntil: string;
  issuingOffice: string;
  /** The platform's address; the QR code opens `${publicUrl}/bases/:id`. */
  publicUrl: string;
};

const RED = '#b71c1c';
const GOLD = '#b08d3c';
const BOX_GREY = '#8a8a8a';
const MARGIN = 40;

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export const basePublicUrl = (publicUrl: string, baseId: string) => `${publicUrl.replace(/\/+$/, '')}/bases/${baseId}`;

/** The 证书 of named bases, one A4 landscape page each (a batch prints as one document). */
export async function renderCertificates(certificates: readonly CertificateInput[], options: { fonts?: FontOptions } = {}): Promise<Buffer> {
  if (certificates.length === 0) throw new Error('no certificates to render');
  const first = certificates[0]!;
  const sheet = new Sheet({
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    fonts: options.fonts,
    info: {
      Title: certificates.length === 1 ? `科学家精神教育基地证书（${first.baseName}）` : `科学家精神教育基地证书（${first.batchYear}年，${certificates.length} 份）`,
      Subject: certificates.map((c) => c.number).join(', '),
      Author: first.issuingOffice,
      Creator: '科学家精神教育基地管理平台',
    },
  });
  certificates.forEach((certificate, index) => {
    if (index > 0) sheet.newPage();
    drawCertificate(sheet, certificate);
  });
  return sheet.finish();
}

export const renderCertificate = (certificate: CertificateInput, options: { fonts?: FontOptions } = {}) => renderCertificates([certificate], options);

function drawCertificate(sheet: Sheet, c: CertificateInput) {
  const { doc } = sheet;
  const w = sheet.pageWidth;
  const h = sheet.pageHeight;
  // A double frame: gold outside, red inside.
  doc.save().lineWidth(6).strokeColor(GOLD).rect(22, 22, w - 44, h - 44).stroke().restore();
  doc.save().lineWidth(1.2).strokeColor(RED).rect(34, 34, w - 68, h - 68).stroke().restore();

  const center = (text: string, y: number, size: number, options: { weight?: 'regular' | 'bold'; color?: string } = {}) =>
    sheet.line(text, 0, y, size, { ...options, width: w, align: 'center' });

  center('证\u3000书', 96, 40, { weight: 'bold', color: RED });
  center('CERTIFICATE', 128, 11, { color: GOLD });

  // The base's name, shrunk to fit one line when long.
  const nameSize = Math.min(26, (w - 200) / Math.max(1, sheet.widthOf(c.baseName, 1, 'bold')));
  center(c.baseName, 190, nameSize, { weight: 'bold' });
  doc.save().lineWidth(0.8).strokeColor('#333').moveTo(140, 208).lineTo(w - 140, 208).stroke().restore();
  if (c.organizationName && c.organizationName !== c.baseName) center(`（依托单位：${c.organizationName}）`, 226, 12, { color: '#333' });

  const body = `经申报、推荐、专家评审和社会公示，被命名为 ${c.batchYear} 年度`;
  center(body, 262, 16);
  center('“科学家精神教育基地”', 296, 24, { weight: 'bold', color: RED });
  center('特发此证。', 330, 16);

  const details: Array<[string, string]> = [
    ['证书编号', c.number],
    ['命名批次', `${c.batchYear}年`],
    ['命名日期', chineseDate(c.namedOn)],
    ['有效期至', chineseDate(c.validUntil)],
  ];
  let y = 384;
  for (const [label, value] of details) {
    sheet.line(`${label}：`, 200, y, 12, { weight: 'bold', width: 80, align: 'right' });
    sheet.line(value, 284, y, 12);
    y += 22;
  }

  // Issuer and date under an empty seal box: the office stamps its own seal on the printed copy.
  const issuerX = w - 330;
  drawSealBox(sheet, issuerX + 130, 400, 120, 100);
  sheet.line(c.issuingOffice, issuerX, 462, 13, { width: 260, align: 'center' });
  sheet.line(chineseDate(c.namedOn), issuerX, 486, 13, { width: 260, align: 'center' });

  // QR to the base's public page.
  const qrSide = 74;
  const url = basePublicUrl(c.publicUrl, c.baseId);
  drawQr(sheet, qrMatrix(url), 64, h - 64 - qrSide - 14, qrSide);
  sheet.line('扫码查看基地主页', 64, h - 64 - 4, 8, { color: '#444', width: qrSide, align: 'center' });
}

/** A dashed box marked 盖章处, where the office's seal goes: the platform never draws a seal. */
function drawSealBox(sheet: Sheet, cx: number, cy: number, width: number, height: number) {
  const { doc } = sheet;
  doc.save().lineWidth(0.8).strokeColor(BOX_GREY).dash(4, { space: 3 }).rect(cx - width / 2, cy - height / 2, width, height).stroke().undash().restore();
  sheet.line('（盖章处）', cx - width / 2, cy, 10, { color: BOX_GREY, width, align: 'center' });
}
