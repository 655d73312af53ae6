import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export { createContext, type ApiDeps, type Context, type SessionCookieJar, type SessionUser } from './context.ts';
export { createCallerFactory } from './trpc.ts';
export { createEmlMailer, createSmtpMailer, type Mailer } from './services/mail/mailer.ts';
export { appendAudit } from './services/audit/append.ts';
export { verifyAuditChain } from './services/audit/verify.ts';
export { purgeExpiredSessions } from './services/auth/sessions.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { assertMayUpload, beginMaterialUpload, registerMaterial, MaterialRefusedError } from './services/materials/register-material.ts';
export { ensureStrippedCopy } from './services/materials/stripped-copy.ts';
export { idleUploads, isUploadRecorded, releaseUpload, touchUpload } from './services/materials/uploads-in-flight.ts';
export { loadApplicationFor } from './services/applications/access.ts';
export { loadSession } from './services/auth/sessions.ts';
export { exportApplicationPdf, exportMaterialsZip } from './services/documents/export-application.ts';
export { exportSummary } from './services/documents/export-summary.ts';
export { drainJobs, enqueueJob, runDueJobs, startJobWorker } from './services/jobs/queue.ts';
export { isAssignedExpertOf } from './services/review/expert-view.ts';
export * as openData from './services/open-data/open-data.ts';
export * as searchIndex from './services/search/index.ts';
export { exportBatchCertificates, exportCertificate, exportNationalList } from './services/register/export-register.ts';
export { expireDueBases } from './services/register/change-base-status.ts';
export { attachResourceImage, findResourceMedia } from './services/resources/resource-media.ts';
export { pickResourceMediaFile } from './services/resources/resource-thumbnails.ts';
export { assertMayAddResourceVideo, assertMayContinueResourceVideo, attachResourceVideo, beginResourceVideoUpload, ResourceVideoRefusedError } from './services/resources/resource-video.ts';
