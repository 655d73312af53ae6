import { describe, expect, it } from 'vitest';
import { blockingItems, intakeChecklist, isCorrectionOpen, isEditableByApplicant, type ChecklistFacts } from './intake-checklist.ts';
import { MIB } from './media.ts';

const good: ChecklistFacts = { formProblems: [], photoBytes: [3 * MIB, 3 * MIB, 3 * MIB], videoCount: 1, isRecommended: true, hasRecommender: true, paper: 'matching' };
const allTicked = { sealsAndSignatures: true, paperMatchesElectronic: true, noClassifiedMaterial: true };

describe('intake checklist', () => {
  it('passes a complete nomination once the office ticks the manual items', () => {
    expect(blockingItems(intakeChecklist(good, {})).map((i) => i.key)).toEqual(['sealsAndSignatures', 'paperMatchesElectronic', 'noClassifiedMaterial']);
    expect(blockingItems(intakeChecklist(good, allTicked))).toEqual([]);
  });

  it('names what is missing: form fields, small photos, videos, paper', () => {
    const items = intakeChecklist({ ...good, formProblems: ['展陈大纲'], photoBytes: [3 * MIB, 1 * MIB], videoCount: 0, paper: 'stale' }, allTicked);
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey.formComplete).toMatchObject({ isOk: false, detail: '未完成：展陈大纲' });
    expect(byKey.photos).toMatchObject({ isOk: false, detail: '现有 2 张，1 张小于 2 MB' });
    expect(byKey.videos).toMatchObject({ isOk: false, detail: '现有 0 个' });
    expect(byKey.paperReceived).toMatchObject({ isOk: false, detail: expect.stringContaining('旧版本') });
  });
});

describe('correction window', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  it('lets the applicant edit a recommended nomination only while a correction is open', () => {
    const open = { status: 'correction_requested' as const, correctionDeadline: '2026-05-02T00:00:00Z' };
    const late = { status: 'correction_requested' as const, correctionDeadline: '2026-04-30T00:00:00Z' };
    expect(isCorrectionOpen(open, now)).toBe(true);
    expect(isCorrectionOpen(late, now)).toBe(false);
    expect(isEditableByApplicant('recommended', open, now)).toBe(true);
    expect(isEditableByApplicant('recommended', late, now)).toBe(false);
    expect(isEditableByApplicant('recommended', { status: 'accepted', correctionDeadline: null }, now)).toBe(false);
    expect(isEditableByApplicant('recommended', null, now)).toBe(false);
    expect(isEditableByApplicant('returned', null, now)).toBe(true);
    expect(isEditableByApplicant('submitted', open, now)).toBe(false);
  });
});
