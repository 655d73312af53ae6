import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { schema, type Database, type DbOrTx } from '@ssb/db';
import { canFundingMove } from '@ssb/domain/funding';
import { FUNDING_FILE_LIMITS, FUNDING_FILE_MESSAGES } from '@ssb/domain/funding-input';
import { sniffFormat } from '@ssb/domain/media-sniff';
import { UPLOAD_MESSAGES } from '@ssb/domain/upload-limits';
import type { FileStore } from '@ssb/storage';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { stripToSibling } from '../materials/stripped-copy.ts';
import { loadReviewerAssignment } from './review.ts';
import { applicantOrganizations, isOfficeViewer, loadApplication, loadCall, loadOwnApplication, type FundingViewer } from './rows.ts';

export type FundingFilePurpose = 'attachment' | 'evidence';
type FileRow = typeof schema.fundingReportFiles.$inferSelect;
const MIME: Record<string, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg' };
export const fundingFileStorageKey = (applicationId: string, fileId: string, format: string) => `funding/${applicationId}/${fileId}.${format === 'jpeg' ? 'jpg' : 'pdf'}`;

/**
 * What the bytes are, whatever the name says: a PDF (starting `%PDF`, ending with `%%EOF` near its end,
 * so a cut-off upload is refused) or a JPEG; nothing else, nothing empty, nothing above the limit.
 */
export async function checkFundingFile(path: string): Promise<{ ok: true; format: 'pdf' | 'jpeg'; size: number } | { ok: false; message: string }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return { ok: false, message: FUNDING_FILE_MESSAGES.empty };
    if (size > FUNDING_FILE_LIMITS.maxBytes) return { ok: false, message: FUNDING_FILE_MESSAGES.tooLarge };
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    const format = sniffFormat(head.subarray(0, bytesRead));
    if (format === 'jpeg') return { ok: true, format, size };
    if (format !== 'pdf') return { ok: false, message: FUNDING_FILE_MESSAGES.wrongFormat };
    const tailLength = Math.min(size, 2048);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    if (!tail.toString('latin1').includes('%%EOF')) return { ok: false, message: 'PDF 文件不完整（缺少文件结尾），请重新导出后上传' };
    return { ok: true, format, size };
  } finally {
    await handle.close();
  }
}

async function sha256Of(path: string) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Whether the applicant may add a file now: attachments while the application is a draft (its
 * `label` one of the call's required attachments, or '其他附件'); evidence while a report may be
 * submitted (it waits, unbound, for the next report).
 */
async function uploadProblem(db: DbOrTx, app: typeof schema.fundingApplications.$inferSelect, purpose: FundingFilePurpose, label: string) {
  if (purpose === 'attachment') {
    if (app.status !== 'draft') return '申请提交后不能再添加附件';
    const call = await loadCall(db, app.callId);
    if (label && !call.requiredAttachments.includes(label) && label !== OTHER_ATTACHMENT) return `“${label}”不是本次申报要求的附件`;
  } else if (!canFundingMove('submitReport', app.status)) return '当前状态不能上传报告佐证材料';
  const [n] = await db
    .select({ n: count() })
    .from(schema.fundingReportFiles)
    .where(and(eq(schema.fundingReportFiles.applicationId, app.id), eq(schema.fundingReportFiles.purpose, purpose), ...(purpose === 'evidence' ? [isNull(schema.fundingReportFiles.reportId)] : [])));
  const max = purpose === 'attachment' ? FUNDING_FILE_LIMITS.attachmentsMax : FUNDING_FILE_LIMITS.evidenceMax;
  if (n!.n >= max) return `最多上传 ${max} 个文件`;
  return null;
}
export const OTHER_ATTACHMENT = '其他附件';

/** Keeps an uploaded file of an application (checked on its bytes; a JPEG kept without EXIF/GPS), audited. */
export async function attachFundingFile(
  deps: { db: Database; files: FileStore },
  viewer: FundingViewer,
  input: { applicationId: string; purpose: FundingFilePurpose; label: string; name: string; tempPath: string },
) {
  const label = input.label.trim().slice(0, FUNDING_FILE_LIMITS.labelMax) || (input.purpose === 'attachment' ? OTHER_ATTACHMENT : '');
  const app = await loadOwnApplication(deps.db, viewer, input.applicationId);
  const problem = await uploadProblem(deps.db, app, input.purpose, label);
  if (problem) throw userError('BAD_REQUEST', problem);
  const check = await checkFundingFile(input.tempPath);
  if (!check.ok) throw userError('BAD_REQUEST', check.message);
  const id = randomUUID();
  const storageKey = fundingFileStorageKey(app.id, id, check.format);
  let source = input.tempPath;
  if (check.format === 'jpeg') {
    source = await stripToSibling(input.tempPath, 'jpeg').catch(async () => {
      await rm(`${input.tempPath}-stripped`, { force: true });
      throw userError('BAD_REQUEST', UPLOAD_MESSAGES.unreadableImage);
    });
  }
  const sha256 = await sha256Of(source);
  const { size } = await open(source, 'r').then(async (h) => {
    try {
      return await h.stat();
    } finally {
      await h.close();
    }
  });
  try {
    await deps.files.putFile(storageKey, source);
  } finally {
    if (source !== input.tempPath) await rm(source, { force: true });
  }
  const fileName = input.name.replace(/[\\/\0]/g, '_').slice(0, 200) || (check.format === 'pdf' ? 'file.pdf' : 'photo.jpg');
  try {
    return await deps.db.transaction(async (tx) => {
      // Counted again under the application's lock, so parallel uploads never pass the limit.
      const locked = await loadApplication(tx, app.id, { lock: true });
      const again = await uploadProblem(tx, locked, input.purpose, label);
      if (again) throw userError('BAD_REQUEST', again);
      const [row] = await tx
        .insert(schema.fundingReportFiles)
        .values({ id, applicationId: app.id, purpose: input.purpose, label, storageKey, fileName, mime: MIME[check.format]!, bytes: size, sha256, uploadedBy: viewer.userId })
        .returning();
      await appendAudit(tx, { actorUserId: viewer.userId, action: input.purpose === 'attachment' ? 'funding.attachment_added' : 'funding.evidence_added', entityType: 'funding_application', entityId: app.id, data: { fileId: id, label, fileName, bytes: size, sha256 } });
      return publicFile(row!);
    });
  } catch (error) {
    await deps.files.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** Removes a file the applicant may still change: a draft's attachment, or evidence not yet submitted. */
export async function removeFundingFile(deps: { db: Database; files: FileStore }, viewer: FundingViewer, input: { applicationId: string; fileId: string }) {
  const removed = await deps.db.transaction(async (tx) => {
    const app = await loadOwnApplication(tx, viewer, input.applicationId, { lock: true });
    const [file] = await tx.select().from(schema.fundingReportFiles).where(and(eq(schema.fundingReportFiles.id, input.fileId), eq(schema.fundingReportFiles.applicationId, app.id)));
    if (!file) throw userError('NOT_FOUND', '文件不存在');
    if (file.purpose === 'attachment' ? app.status !== 'draft' : file.reportId !== null) throw userError('BAD_REQUEST', '已提交的文件不能删除');
    await tx.delete(schema.fundingReportFiles).where(eq(schema.fundingReportFiles.id, file.id));
    await appendAudit(tx, { actorUserId: viewer.userId, action: 'funding.file_removed', entityType: 'funding_application', entityId: app.id, data: { fileId: file.id, purpose: file.purpose, fileName: file.fileName } });
    return file;
  });
  await deps.files.delete(removed.storageKey).catch(() => undefined);
  return { ok: true as const };
}

export const publicFile = (f: FileRow) => ({ id: f.id, purpose: f.purpose, label: f.label, reportId: f.reportId, fileName: f.fileName, mime: f.mime, bytes: f.bytes, createdAt: f.createdAt });

export async function listFundingFiles(db: DbOrTx, applicationId: string, options: { attachmentsOnly?: boolean } = {}) {
  const rows = await db
    .select()
    .from(schema.fundingReportFiles)
    .where(and(eq(schema.fundingReportFiles.applicationId, applicationId), ...(options.attachmentsOnly ? [eq(schema.fundingReportFiles.purpose, 'attachment')] : [])))
    .orderBy(asc(schema.fundingReportFiles.createdAt));
  return rows.map(publicFile);
}

/** Binds the evidence uploaded since the last report to the report now submitted. */
export async function bindPendingEvidence(tx: DbOrTx, applicationId: string, reportId: string) {
  const bound = await tx
    .update(schema.fundingReportFiles)
    .set({ reportId })
    .where(and(eq(schema.fundingReportFiles.applicationId, applicationId), eq(schema.fundingReportFiles.purpose, 'evidence'), isNull(schema.fundingReportFiles.reportId)))
    .returning({ id: schema.fundingReportFiles.id });
  return bound.length;
}

/**
 * A file's storage key if the viewer may download it (null means "not found"): the applying and
 * co-applying organizations' managers and coordinators, the office, and — attachments only — a
 * working-group member assigned the application with no conflict.
 */
export async function findFundingFile(db: DbOrTx, viewer: FundingViewer | null, applicationId: string, fileId: string) {
  if (!viewer) return null;
  const [file] = await db.select().from(schema.fundingReportFiles).where(and(eq(schema.fundingReportFiles.id, fileId), eq(schema.fundingReportFiles.applicationId, applicationId)));
  if (!file) return null;
  if (isOfficeViewer(viewer)) return file;
  const app = await loadApplication(db, applicationId).catch(() => null);
  if (!app) return null;
  const orgs = applicantOrganizations(viewer);
  if (orgs.includes(app.organizationId)) return file;
  const co = await db.select({ organizationId: schema.fundingCoApplicants.organizationId }).from(schema.fundingCoApplicants).where(eq(schema.fundingCoApplicants.applicationId, app.id));
  if (co.some((c) => orgs.includes(c.organizationId))) return file;
  if (file.purpose === 'attachment' && viewer.grants.some((g) => g.role === 'funding_reviewer')) {
    const assigned = await loadReviewerAssignment(db, viewer, app.id).then(() => true, () => false);
    if (assigned) return file;
  }
  return null;
}

/** The call's required attachments that have no file yet (submitting waits for them). */
export async function missingAttachments(db: DbOrTx, app: { id: string }, required: readonly string[]) {
  if (required.length === 0) return [];
  const files = await db.select({ label: schema.fundingReportFiles.label }).from(schema.fundingReportFiles).where(and(eq(schema.fundingReportFiles.applicationId, app.id), eq(schema.fundingReportFiles.purpose, 'attachment')));
  const have = new Set(files.map((f) => f.label));
  return required.filter((r) => !have.has(r));
}
