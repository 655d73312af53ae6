import type { FormField } from '@ssb/domain';
import { renderApplicationPdf } from './application-pdf.ts';
import type { FontOptions } from './fonts.ts';

const SAMPLE_FIELDS: FormField[] = [
  { key: 'baseName', section: 'identity', label: '基地名称', type: 'text', required: true },
  { key: 'items', section: 'content', label: '原始实物藏品', type: 'table', required: false, columns: [{ key: 'kind', label: '类别', type: 'text' }] },
  { key: 'declaration', section: 'declaration', label: '承诺', type: 'checkbox', required: true },
];

/**
 * Parses the CJK fonts (~20 MB each) and runs the PDF code once, so the first real request does
 * not pay for it: each worker of the render pool runs it as it starts. Returns the time taken (ms).
 */
export async function warmUpDocuments(options: { fonts?: FontOptions } = {}): Promise<number> {
  const started = performance.now();
  await renderApplicationPdf({
    campaign: { year: 2022 },
    fields: SAMPLE_FIELDS,
    data: { baseName: '科学家精神教育基地 Warm-up 0123456789', items: [{ kind: '手稿' }], declaration: true },
    organizationName: '预热',
    recommendingBodyName: '预热',
    applicationId: 'warm-up',
    verifyUrlBase: 'https://localhost/verify',
    fonts: options.fonts,
  });
  return performance.now() - started;
}
