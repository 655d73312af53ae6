import { FUNDING_TARGET_KEYS, FUNDING_TARGET_LABELS, formatFenGrouped, trancheAmounts, type BudgetLine, type FundingTargets } from '@ssb/domain/funding';
import type { FontOptions } from './fonts.ts';
import { Sheet } from './pdf/sheet.ts';
import { drawTable, type Cell, type TableStyle } from './pdf/table.ts';

/** What the grant agreement (资助协议书) prints: plain data, amounts in integer fen. */
export type FundingAgreementInput = {
  number: string;
  callTitle: string;
  projectTitle: string;
  baseName: string;
  organizationName: string;
  issuingOffice: string;
  startDate: string;
  endDate: string;
  reportDueOn: string | null;
  awardFen: number;
  lines: readonly BudgetLine[];
  targets: FundingTargets;
  /** The call's tranche split in order (e.g. [70, 30]): the first on the agreement, the last after the final report is accepted. */
  tranchePercents: readonly number[];
  fonts?: FontOptions;
};

const MARGIN = 56;
const BOX_GREY = '#8a8a8a';
const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** A4 portrait: parties, project, approved budget lines, performance targets, dates, and the two parties' seal boxes. */
export async function renderFundingAgreement(input: FundingAgreementInput): Promise<Buffer> {
  const sheet = new Sheet({
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    fonts: input.fonts,
    info: { Title: `资助协议书（${input.projectTitle}）`, Subject: input.number, Author: input.issuingOffice, Creator: '科学家精神教育基地管理平台' },
  });
  const w = sheet.contentWidth;
  const para = (text: string, size = 11, weight: 'regular' | 'bold' = 'regular') => {
    for (const line of sheet.wrap(text, w, size, weight)) {
      sheet.ensure(size * 1.8);
      sheet.line(line, sheet.left, sheet.y + size * 0.8, size, { weight, width: w });
      sheet.y += size * 1.7;
    }
  };
  sheet.line('科学家精神教育基地专项活动工作经费', sheet.left, sheet.y + 10, 14, { width: w, align: 'center' });
  sheet.y += 30;
  sheet.line('资 助 协 议 书', sheet.left, sheet.y + 12, 22, { weight: 'bold', width: w, align: 'center' });
  sheet.y += 34;
  sheet.line(`编号：${input.number}`, sheet.left, sheet.y + 6, 10, { width: w, align: 'right' });
  sheet.y += 22;
  para(`甲方（资助方）：${input.issuingOffice}`);
  para(`乙方（承担单位）：${input.organizationName}（${input.baseName}）`);
  para(`根据“${input.callTitle}”，经专项工作组审核、工作办公室批准，甲方资助乙方实施“${input.projectTitle}”项目，双方约定如下：`);
  para(`一、资助金额：人民币 ${formatFenGrouped(input.awardFen)} 元，专款专用。执行期 ${chineseDate(input.startDate)} 至 ${chineseDate(input.endDate)}。`);
  para(`二、拨款：${tranchePlan(input.awardFen, input.tranchePercents)}；累计拨款不超过资助金额。`);
  para(`三、预算：按下表执行。同一科目内调剂须备案；跨科目调剂超过资助金额规定比例或调整项目内容、日期的，须经甲方批准；执行期结束后不再调整。`);
  sheet.y += 4;

  const style: TableStyle = {
    widths: [70, w - 70 - 50 - 90 - 100, 50, 90, 100],
    size: 9.5,
    lineHeight: 13,
    padX: 4,
    padY: 4,
    minRowHeight: 22,
    header: ['科目', '支出内容', '数量', '单价（元）', '金额（元）'].map((text) => ({ text, align: 'center', weight: 'bold', fill: '#f2f2f2' }) as Cell),
  };
  const rows: Cell[][] = input.lines.map((l) => [
    { text: l.category, align: 'center' },
    { text: l.item },
    { text: String(l.quantity), align: 'right' },
    { text: formatFenGrouped(l.unitPriceFen), align: 'right' },
    { text: formatFenGrouped(l.amountFen), align: 'right' },
  ]);
  rows.push([{ text: '合计', span: 4, align: 'center', weight: 'bold' }, { text: formatFenGrouped(input.lines.reduce((s, l) => s + l.amountFen, 0)), align: 'right', weight: 'bold' }]);
  drawTable(sheet, rows, style);
  sheet.y += 12;

  para('四、绩效目标：', 11, 'bold');
  drawTable(
    sheet,
    [FUNDING_TARGET_KEYS.map((k) => ({ text: `${FUNDING_TARGET_LABELS[k].zh}：${input.targets[k]}`, align: 'center' }) as Cell)],
    { widths: FUNDING_TARGET_KEYS.map(() => w / FUNDING_TARGET_KEYS.length), size: 10, lineHeight: 14, padX: 4, padY: 5, minRowHeight: 24 },
  );
  sheet.y += 12;
  para(`五、报告：乙方于 ${input.reportDueOn ? chineseDate(input.reportDueOn) : '执行期结束后 30 日内'}前提交结项报告，逐项说明实际支出与绩效目标完成情况，附票据与照片等证明材料；结余或不符合规定的支出应予退回。`);
  para('六、本协议经乙方在申报门户确认后生效，一式两份，双方各执一份。');

  // Seal boxes: the platform never draws a seal; each party stamps its own on the printed copy.
  sheet.ensure(150);
  sheet.y += 20;
  const half = w / 2;
  for (const [i, party] of [['甲方（盖章）', input.issuingOffice], ['乙方（盖章）', input.organizationName]].entries()) {
    const x = sheet.left + i * half;
    sheet.line(party[0]!, x, sheet.y, 11, { weight: 'bold', width: half - 10 });
    sheet.line(party[1]!, x, sheet.y + 18, 10, { width: half - 10 });
    const { doc } = sheet;
    doc.save().lineWidth(0.8).strokeColor(BOX_GREY).dash(4, { space: 3 }).rect(x + 30, sheet.y + 32, 110, 80).stroke().undash().restore();
    sheet.line('（盖章处）', x + 30, sheet.y + 72, 10, { color: BOX_GREY, width: 110, align: 'center' });
    sheet.line('日期：　　年　　月　　日', x, sheet.y + 128, 10, { width: half - 10 });
  }
  sheet.y += 140;
  return sheet.finish();
}

/** 分期拨款 in words, each tranche with its amount (whole fen, the last taking the rounding). */
export function tranchePlan(awardFen: number, percents: readonly number[]) {
  const amounts = trancheAmounts(awardFen, percents);
  if (amounts.length <= 1) return `协议确认后一次性拨付 ${formatFenGrouped(awardFen)} 元`;
  const when = (i: number) => (i === 0 ? '协议确认后' : i === amounts.length - 1 ? '结项报告验收通过后' : '项目执行中期');
  return `分 ${amounts.length} 期拨付：${amounts.map((fen, i) => `第 ${i + 1} 期${when(i)}拨付 ${percents[i]}%（${formatFenGrouped(fen)} 元）`).join('，')}`;
}
