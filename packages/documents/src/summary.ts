import { districtName, PROGRAMME_TIME_ZONE } from '@ssb/domain';

/** One nomination in a recommender's 申报汇总表. */
export type SummaryRow = {
  baseName: string;
  hostUnit: string;
  uscc: string;
  category: string;
  districtCode: string;
  /** m² */
  exhibitionArea: number | null;
  openDaysPerYear: number | null;
  /** 人次 */
  annualVisitors: number | null;
  contactName: string;
  contactPhone: string;
  note?: string;
};

export type SummaryInput = {
  campaign: { year: number };
  recommendingBodyName: string;
  rows: readonly SummaryRow[];
  generatedAt: Date;
};

/** The columns of the 申报汇总表, in the order of the notice's template. */
export const SUMMARY_COLUMNS = [
  '序号', '基地名称', '依托单位', '统一社会信用代码', '类别', '所在区',
  '展陈面积', '年开放天数', '年接待人次', '联系人', '联系电话', '备注',
] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

export const summaryTitle = (year: number) => `${year}年“科学家精神教育基地”申报汇总表`;
export const SUMMARY_UNITS_NOTE = '注：展陈面积单位为平方米（m²），年开放天数单位为天，年接待人次单位为人次。';

/** The cells of one row, in column order: numbers stay numbers, the credit code stays text. */
export function summaryCells(row: SummaryRow, index: number): Array<string | number | null> {
  return [
    index + 1,
    row.baseName,
    row.hostUnit,
    row.uscc.trim().toUpperCase(),
    row.category,
    districtName(row.districtCode),
    finite(row.exhibitionArea),
    finite(row.openDaysPerYear),
    finite(row.annualVisitors),
    row.contactName,
    row.contactPhone,
    row.note ?? '',
  ];
}

const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** `2022年4月6日`, as the date reads in Beijing. */
export function beijingDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}年${Number(get('month'))}月${Number(get('day'))}日`;
}
