import { describe, expect, it } from 'vitest';
import { renderCertificate, renderCertificates, type CertificateInput } from './certificate.ts';
import { decodeQrOnFirstPage, hasCommand, pdfInfo, pdfPages, pdfTextCompact, redPixelsIn } from './testing/tools.ts';

const hasZbar = hasCommand('zbarimg');

const certificate = (over: Partial<CertificateInput> = {}): CertificateInput => ({
  baseId: '4f7d0d0e-6d1c-4c55-9d6a-0d0c1f2b3a41',
  baseName: '西山地质调查旧址陈列馆（演示）',
  organizationName: '北京西山地质文化研究会（演示）',
  number: '京科精基地-2026-001',
  batchYear: 2026,
  namedOn: '2026-05-30',
  validUntil: '2031-05-29',
  issuingOffice: '北京市科学家精神教育基地工作办公室',
  publicUrl: 'https://kxjjsjd.example.cn/',
  ...over,
});

describe('certificate PDF', () => {
  it('is one A4 landscape page carrying the name, number, batch, validity and issuer', async () => {
    const pdf = await renderCertificate(certificate());
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    const text = pdfTextCompact(pdf);
    for (const expected of ['证书', '西山地质调查旧址陈列馆（演示）', '京科精基地-2026-001', '2026年', '2031年5月29日', '北京市科学家精神教育基地工作办公室', '科学家精神教育基地']) {
      expect(text).toContain(expected);
    }
  });

  it('draws no seal: it leaves a marked box where the office stamps its own', async () => {
    const pdf = await renderCertificate(certificate());
    expect(pdfTextCompact(pdf)).toContain('（盖章处）');
    // The issuer's corner, right of the details and below the title lines: nothing red there.
    expect(redPixelsIn(pdf, { x: 480, y: 330, width: 320, height: 200 })).toBe(0);
  });

  it.skipIf(!hasZbar)('links by QR code to the base page on the platform', async () => {
    const pdf = await renderCertificate(certificate());
    expect(decodeQrOnFirstPage(pdf)).toContain('https://kxjjsjd.example.cn/bases/4f7d0d0e-6d1c-4c55-9d6a-0d0c1f2b3a41');
  });

  it('prints a batch as one document, a page per base, and fits a long name on one line', async () => {
    const long = '中国科学院自然科学史研究所科学家精神教育展馆暨中国近现代科学技术史陈列馆（演示）';
    const pdf = await renderCertificates([certificate(), certificate({ baseName: long, number: '京科精基地-2026-002' })]);
    const pages = pdfPages(pdf).map((p) => p.replace(/\s+/g, ''));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain(long);
    expect(pages[1]).toContain('京科精基地-2026-002');
    expect(pages[0]).not.toContain('京科精基地-2026-002');
  });
});
