import { MEDIA_RULES } from './media.ts';
import type { IntakeStatus } from './selection.ts';

/**
 * The office's completeness checklist (形式审查) of one nomination. Automatic items are computed from
 * the data every time they are shown, so they can never be stale; manual items are what only a person
 * holding the paper can judge, and the office ticks them.
 */
export const AUTO_CHECKLIST_ITEMS = ['formComplete', 'photos', 'videos', 'summaryRow', 'paperReceived'] as const;
export const MANUAL_CHECKLIST_ITEMS = ['sealsAndSignatures', 'paperMatchesElectronic', 'noClassifiedMaterial'] as const;
export type AutoChecklistKey = (typeof AUTO_CHECKLIST_ITEMS)[number];
export type ManualChecklistKey = (typeof MANUAL_CHECKLIST_ITEMS)[number];
export type ChecklistKey = AutoChecklistKey | ManualChecklistKey;

export const CHECKLIST_LABELS: Record<ChecklistKey, { zh: string; en: string }> = {
  formComplete: { zh: '申报表填写完整', en: 'Form complete' },
  photos: { zh: `照片 ${MEDIA_RULES.photo.minCount}–${MEDIA_RULES.photo.maxCount} 张，每张不小于 2 MB`, en: 'Photos: 3–5, each at least 2 MB' },
  videos: { zh: `视频 ${MEDIA_RULES.video.minCount}–${MEDIA_RULES.video.maxCount} 个`, en: 'Videos: 1–2' },
  summaryRow: { zh: '已列入推荐单位汇总表', en: "Listed in the recommender's summary table" },
  paperReceived: { zh: '已收到纸质材料，且与电子版一致', en: 'Paper copy received and matching' },
  sealsAndSignatures: { zh: '纸质申报表盖章、签字齐全', en: 'Seals and signatures on the paper form' },
  paperMatchesElectronic: { zh: '纸质材料内容与电子版一致（人工核对）', en: 'Paper content checked against the electronic form' },
  noClassifiedMaterial: { zh: '材料不涉及国家秘密', en: 'No classified material' },
};

/** What the server knows about a nomination, from which the automatic items follow. */
export type ChecklistFacts = {
  formProblems: string[];
  photoBytes: number[];
  videoCount: number;
  isRecommended: boolean;
  hasRecommender: boolean;
  paper: 'missing' | 'matching' | 'stale';
};

export type ChecklistItem = { key: ChecklistKey; kind: 'auto' | 'manual'; isOk: boolean; label: string; detail: string | null };

function autoItem(key: AutoChecklistKey, facts: ChecklistFacts): ChecklistItem {
  const base = { key, kind: 'auto' as const, label: CHECKLIST_LABELS[key].zh };
  switch (key) {
    case 'formComplete':
      return { ...base, isOk: facts.formProblems.length === 0, detail: facts.formProblems.length ? `未完成：${facts.formProblems.slice(0, 5).join('、')}${facts.formProblems.length > 5 ? ' 等' : ''}` : null };
    case 'photos': {
      const rule = MEDIA_RULES.photo;
      const small = facts.photoBytes.filter((b) => b < rule.minBytes).length;
      const countOk = facts.photoBytes.length >= rule.minCount && facts.photoBytes.length <= rule.maxCount;
      const detail = [!countOk ? `现有 ${facts.photoBytes.length} 张` : null, small ? `${small} 张小于 2 MB` : null].filter(Boolean).join('，');
      return { ...base, isOk: countOk && small === 0, detail: detail || null };
    }
    case 'videos': {
      const rule = MEDIA_RULES.video;
      const isOk = facts.videoCount >= rule.minCount && facts.videoCount <= rule.maxCount;
      return { ...base, isOk, detail: isOk ? null : `现有 ${facts.videoCount} 个` };
    }
    case 'summaryRow':
      return { ...base, isOk: facts.isRecommended && facts.hasRecommender, detail: facts.isRecommended ? null : '推荐单位尚未推荐' };
    case 'paperReceived':
      return {
        ...base,
        isOk: facts.paper === 'matching',
        detail: facts.paper === 'missing' ? '尚未收到纸质材料' : facts.paper === 'stale' ? '收到的纸质版为旧版本，与当前电子版不一致' : null,
      };
  }
}

/** The whole checklist, automatic items first, in a fixed order. */
export function intakeChecklist(facts: ChecklistFacts, ticks: Record<string, boolean>): ChecklistItem[] {
  return [
    ...AUTO_CHECKLIST_ITEMS.map((key) => autoItem(key, facts)),
    ...MANUAL_CHECKLIST_ITEMS.map((key) => ({ key, kind: 'manual' as const, isOk: ticks[key] === true, label: CHECKLIST_LABELS[key].zh, detail: null })),
  ];
}

/** The items that still stand between this nomination and acceptance; empty means it may be accepted. */
export const blockingItems = (items: ChecklistItem[]) => items.filter((i) => !i.isOk);

/** Where the office may move a nomination from each intake status. */
export const INTAKE_ACTIONS = {
  requestCorrection: ['pending', 'correction_requested'],
  accept: ['pending'],
  /** 不予受理: the files fail the notice's requirements, or a correction was not made in time. */
  reject: ['pending', 'correction_requested'],
} as const satisfies Record<string, readonly IntakeStatus[]>;

export type IntakeAction = keyof typeof INTAKE_ACTIONS;
export const canIntake = (action: IntakeAction, status: IntakeStatus) => (INTAKE_ACTIONS[action] as readonly IntakeStatus[]).includes(status);
/** The moves open from a status, in the order the office's pages show them; the server sends these. */
export const intakeActionsFrom = (status: IntakeStatus): IntakeAction[] => (['reject', 'requestCorrection', 'accept'] as const).filter((action) => canIntake(action, status));

export type CorrectionState = { status: IntakeStatus; correctionDeadline: Date | string | null };

/**
 * A nomination returned for correction stays `recommended` (the recommender keeps the quota place);
 * the applicant may edit its form and materials until the office's reply deadline.
 */
export function isCorrectionOpen(intake: CorrectionState | null | undefined, now: Date = new Date()) {
  if (!intake || intake.status !== 'correction_requested' || !intake.correctionDeadline) return false;
  return new Date(intake.correctionDeadline).getTime() > now.getTime();
}

/** Whether the applicant may edit: before submission or after a return, or during an open correction. */
export const isEditableByApplicant = (status: string, intake: CorrectionState | null | undefined, now: Date = new Date()) =>
  status === 'draft' || status === 'returned' || (status === 'recommended' && isCorrectionOpen(intake, now));
