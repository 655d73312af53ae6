export { applicationTitle, renderApplicationPdf, type ApplicationPdfInput } from './application-pdf.ts';
export {
  applicationContentHash,
  canonicalJson,
  crockfordBase32,
  isShortCodeOf,
  normalizeShortCode,
  shortCodeOf,
  verificationUrl,
  type ApplicationHashMeta,
} from './content-hash.ts';
export { resolveFonts, type FontOptions, type FontSource } from './fonts.ts';
export { formatDate, formatFieldValue, formatNumber, type DisplayValue } from './format-value.ts';
export { beijingDate, SUMMARY_COLUMNS, summaryCells, summaryTitle, type SummaryColumn, type SummaryInput, type SummaryRow } from './summary.ts';
export { renderSummaryPdf } from './summary-pdf.ts';
export { renderSummaryXlsx } from './summary-xlsx.ts';
export { renderCsv, type CsvColumn } from './csv.ts';
export { nominationEntries, sanitizeFileName, zipNominationMaterials, type MaterialEntry, type NominationMaterials } from './zip-materials.ts';
export { warmUpDocuments } from './warm-up.ts';
export { basePublicUrl, renderCertificate, renderCertificates, type CertificateInput } from './certificate.ts';
export { NATIONAL_LIST_COLUMNS, nationalListTitle, renderNationalListXlsx, type NationalListInput, type NationalListRow } from './national-list.ts';
