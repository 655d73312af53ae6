import { renderApplicationPdf, renderSummaryXlsx, warmUpDocuments, type SummaryRow } from '@ssb/documents';
import { DEFAULT_FORM_FIELDS } from '@ssb/domain/application-form';
import { completeApplicationData } from '@ssb/domain/testing';
import { makeUscc } from '@ssb/domain/uscc';
import { timed } from './stats.ts';

/** quality.md: 汇总表 for 1 000 nominations (xlsx) ≤ 2 s; one 申报表 PDF ≤ 1 s (after the font is loaded once). */
export async function exportsScenario() {
  await warmUpDocuments();
  const rows: SummaryRow[] = Array.from({ length: 1000 }, (_, i) => ({
    baseName: `示例科学家精神教育基地${i + 1}`,
    hostUnit: `示例依托单位${i + 1}`,
    uscc: makeUscc(10_000 + i),
    category: '科技馆',
    districtCode: '110108',
    exhibitionArea: 1000 + i,
    openDaysPerYear: 300,
    annualVisitors: 50_000 + i,
    contactName: '联系人',
    contactPhone: '010-84650077',
  }));
  const xlsx = await timed(() => renderSummaryXlsx({ campaign: { year: 2027 }, recommendingBodyName: '北京市科学技术协会', rows, generatedAt: new Date() }));
  const pdfRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const pdf = await timed(() =>
      renderApplicationPdf({
        campaign: { year: 2027, title: '示例' },
        fields: DEFAULT_FORM_FIELDS,
        data: completeApplicationData(),
        organizationName: '示例单位',
        recommendingBodyName: '北京市科学技术协会',
        applicationId: '00000000-0000-4000-8000-000000000000',
        verifyUrlBase: 'http://localhost:3000/admin/paper-check',
      }),
    );
    pdfRuns.push(pdf.ms);
  }
  pdfRuns.sort((a, b) => a - b);
  return {
    scenario: 'exports',
    summary_xlsx_1000_rows_s: Math.round(xlsx.ms) / 1000,
    summary_xlsx_bytes: xlsx.value.length,
    application_pdf_median_s: Math.round(pdfRuns[2]!) / 1000,
    bar_summary_s: 2,
    bar_pdf_s: 1,
  };
}
