import type { ApplicationPdfInput } from '../application-pdf.ts';
import type { CertificateInput } from '../certificate.ts';
import type { FontOptions } from '../fonts.ts';
import type { FundingAgreementInput } from '../funding-agreement.ts';
import type { FundingWorkbookInput } from '../funding-xlsx.ts';
import type { NationalListInput } from '../national-list.ts';
import type { RegistrationsSheetInput } from '../registrations-xlsx.ts';
import type { SummaryInput } from '../summary.ts';
import { documentPool } from './shared-pool.ts';

// The package's public renders: the same documents, drawn in the pool's worker threads.

export const renderApplicationPdf = async (input: ApplicationPdfInput) => (await documentPool().run('applicationPdf', input)).bytes;

export const renderCertificates = async (certificates: readonly CertificateInput[], options: { fonts?: FontOptions } = {}) =>
  (await documentPool().run('certificates', certificates, options)).bytes;

export const renderCertificate = (certificate: CertificateInput, options: { fonts?: FontOptions } = {}) => renderCertificates([certificate], options);

export const renderSummaryPdf = async (input: SummaryInput & { fonts?: FontOptions }) => (await documentPool().run('summaryPdf', input)).bytes;

export const renderSummaryXlsx = async (input: SummaryInput) => (await documentPool().run('summaryXlsx', input)).bytes;

export const renderNationalListXlsx = async (input: NationalListInput) => (await documentPool().run('nationalListXlsx', input)).bytes;

export const renderFundingAgreement = async (input: FundingAgreementInput) => (await documentPool().run('fundingAgreement', input)).bytes;
export const renderFundingXlsx = async (input: FundingWorkbookInput) => (await documentPool().run('fundingXlsx', input)).bytes;
export const renderRegistrationsXlsx = async (input: RegistrationsSheetInput) => (await documentPool().run('registrationsXlsx', input)).bytes;
