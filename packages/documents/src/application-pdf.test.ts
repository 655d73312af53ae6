import { DEFAULT_FORM_FIELDS, type FormField } from '@ssb/domain';
import { completeApplicationData } from '@ssb/domain/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApplicationPdf, type ApplicationPdfInput } from './application-pdf.ts';
import { applicationContentHash, shortCodeOf, verificationUrl } from './content-hash.ts';
import { decodeQrOnFirstPage, hasCommand, pdfInfo, pdfPages, pdfTextCompact } from './testing/tools.ts';

const input = (overrides: Partial<ApplicationPdfInput> = {}): ApplicationPdfInput => ({
  campaign: { year: 2022, title: '2022年科学家精神教育基地申报' },
  fields: DEFAULT_FORM_FIELDS,
  data: completeApplicationData(),
  organizationName: '京华航天科学家纪念馆（演示）',
  recommendingBodyName: '北京市海淀区科学技术协会',
  applicationId: '7f3c2a10-5b6e-4d8a-9c1f-2e4b6a8d0c13',
  verifyUrlBase: 'https://kxjjsjd.example.cn/verify',
  ...overrides,
});

const codeOf = (i: ApplicationPdfInput) => shortCodeOf(applicationContentHash(i.fields, i.data, i));
const hasZbar = hasCommand('zbarimg');

describe('renderApplicationPdf', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderApplicationPdf(input());
  });

  it('is an A4 PDF whose text has the title, labels, values and seal boxes in Chinese', () => {
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(595);
    expect(Math.round(info.height)).toBe(842);
    const text = pdfTextCompact(pdf);
    for (const expected of [
      '2022年“科学家精神教育基地”申报表',
      '基地名称', '航天科学家精神展馆（演示）', '依托单位', '京华航天科学家纪念馆（演示）', '推荐单位', '北京市海淀区科学技术协会',
      '一、基本信息', '统一社会信用代码', '所在区', '海淀区', '单位性质', '科技馆/纪念馆', '基地类别', '科技类人物纪念馆和故居',
      '展陈面积', '1,200m²', '年接待人次', '80,000人次', '年开放天数', '300天', '年度活动经费', '50万元',
      '原始实物藏品', '数量（件）', '计算手稿', '近三年开展的主要活动', '科学家精神进校园', '2021年9月10日',
      '展陈大纲', '序厅、求索、报国、传承四个部分。', '本单位承诺所填信息真实、准确，所报材料不涉及国家秘密', '✓',
      '申报单位（盖章）', '推荐单位意见', '推荐单位（盖章）', '年月日',
    ]) expect(text, expected).toContain(expected);
    expect(text).not.toContain('110108');
    expect(text).not.toContain('museum');
  });

  it('numbers its pages and puts the short code on every page', () => {
    const pages = pdfPages(pdf);
    const code = codeOf(input());
    expect(pages.length).toBe(pdfInfo(pdf).pages);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const compact = page.replace(/\s+/g, '');
      expect(compact).toContain(`第${i + 1}页共${pages.length}页`);
      expect(compact).toContain(`核验码${code}`);
    });
  });

  it('derives the short code from the content: same data, same code; one value changed, another code', async () => {
    const again = await renderApplicationPdf(input());
    expect(pdfTextCompact(again)).toContain(codeOf(input()));
    const changedInput = input({ data: completeApplicationData({ annualVisitors: 80001 }) });
    expect(codeOf(changedInput)).not.toBe(codeOf(input()));
    const changed = await renderApplicationPdf(changedInput);
    expect(pdfTextCompact(changed)).toContain(`核验码${codeOf(changedInput)}`);
    expect(pdfTextCompact(changed)).not.toContain(codeOf(input()));
  });

  it.skipIf(!hasZbar)(
    hasZbar ? 'carries a QR code that decodes to the verification address' : 'QR decoding skipped: zbarimg not installed (apt-get install zbar-tools)',
    () => {
      const expected = verificationUrl(input().verifyUrlBase, codeOf(input()), input().applicationId);
      expect(decodeQrOnFirstPage(pdf)).toContain(expected);
    },
  );

  it('splits a long text over pages, marking the label as continued, and keeps every line', async () => {
    const parts = Array.from({ length: 60 }, (_, i) => `第${i + 1}部分：展示科学家在艰苦条件下自力更生、攻坚克难的奋斗历程，配合多媒体互动装置与讲解服务。`);
    const rows = Array.from({ length: 40 }, (_, i) => ({ title: `主题活动第${i + 1}期`, date: '2021-09-10', audience: '中学生', attendance: 100 + i }));
    const long = await renderApplicationPdf(input({ data: completeApplicationData({ exhibitionOutline: parts.join('\n'), activities: rows }) }));
    const text = pdfTextCompact(long);
    expect(pdfInfo(long).pages).toBeGreaterThan(4);
    expect(text).toContain('展陈大纲（续）');
    for (const part of [parts[0]!, parts[29]!, parts[59]!]) expect(text).toContain(part);
    expect(text).toContain('主题活动第40期');
    // The table's column headers repeat on the page where the table continues.
    const pagesWithHeader = pdfPages(long).filter((p) => p.replace(/\s+/g, '').includes('参与人次'));
    expect(pagesWithHeader.length).toBeGreaterThan(1);
  });

  it('shows choices by their labels, ticks by box, and an empty table as 无', async () => {
    const extra: FormField[] = [
      { key: 'openedOn', section: 'space', label: '开放日期', type: 'date', required: false },
      { key: 'hasShop', section: 'activities', label: '设有文创商店', type: 'checkbox', required: false },
    ];
    const out = await renderApplicationPdf(input({ fields: [...DEFAULT_FORM_FIELDS, ...extra], data: completeApplicationData({ openedOn: '2019-05-30', existingTitles: [] }) }));
    const text = pdfTextCompact(out);
    expect(text).toContain('开放日期2019年5月30日');
    expect(text).toContain('设有文创商店');
    expect(text).toContain('已获称号序号称号命名单位年份无');
  });

  it('fails with a clear message when the CJK font is missing', async () => {
    await expect(renderApplicationPdf(input({ fonts: { regular: { path: '/nonexistent/NotoSansCJK.ttc' } } }))).rejects.toThrow(/CJK font file not found/);
  });
});
