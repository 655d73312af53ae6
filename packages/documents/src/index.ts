export { applicationTitle, type ApplicationPdfInput } from './application-pdf.ts';
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
export { renderCsv, type CsvColumn } from './csv.ts';
export { nominationEntries, sanitizeFileName, zipNominationMaterials, type MaterialEntry, type MaterialSource, type NominationMaterials } from './zip-materials.ts';
export { warmUpDocuments } from './warm-up.ts';
export { basePublicUrl, type CertificateInput } from './certificate.ts';
export { NATIONAL_LIST_COLUMNS, nationalListTitle, type NationalListInput, type NationalListRow } from './national-list.ts';
// The heavy renders run in worker threads: these have the signatures of the modules' own functions.
export { renderApplicationPdf, renderCertificate, renderCertificates, renderFundingAgreement, renderFundingXlsx, renderNationalListXlsx, renderRegistrationsXlsx, renderSummaryPdf, renderSummaryXlsx } from './pool/pooled.ts';
export type { FundingAgreementInput } from './funding-agreement.ts';
export type { FundingSheet, FundingWorkbookInput } from './funding-xlsx.ts';
export { REGISTRATION_SHEET_COLUMNS, type RegistrationSheetRow, type RegistrationsSheetInput } from './registrations-xlsx.ts';
export { closeDocumentPool, documentPool } from './pool/shared-pool.ts';
export { DocumentPoolBusyError, DocumentRenderTimeoutError, RenderPool } from './pool/render-pool.ts';
export { foldLine, renderICalendar, type CalendarEvent } from './icalendar.ts';
