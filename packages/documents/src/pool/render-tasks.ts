import { renderApplicationPdf } from '../application-pdf.ts';
import { renderCertificates } from '../certificate.ts';
import { renderFundingAgreement } from '../funding-agreement.ts';
import { renderFundingXlsx } from '../funding-xlsx.ts';
import { renderNationalListXlsx } from '../national-list.ts';
import { renderRegistrationsXlsx } from '../registrations-xlsx.ts';
import { renderSummaryPdf } from '../summary-pdf.ts';
import { renderSummaryXlsx } from '../summary-xlsx.ts';

/** The renders heavy enough to run off the event loop, by name: what a worker can be asked to do. */
export const RENDER_TASKS = {
  applicationPdf: renderApplicationPdf,
  certificates: renderCertificates,
  fundingAgreement: renderFundingAgreement,
  fundingXlsx: renderFundingXlsx,
  nationalListXlsx: renderNationalListXlsx,
  registrationsXlsx: renderRegistrationsXlsx,
  summaryPdf: renderSummaryPdf,
  summaryXlsx: renderSummaryXlsx,
};

export type RenderTask = keyof typeof RENDER_TASKS;
export type RenderArgs<T extends RenderTask> = Parameters<(typeof RENDER_TASKS)[T]>;
