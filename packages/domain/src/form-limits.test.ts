import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM_FIELDS, validateApplication } from './application-form.ts';
import { draftLimitProblems, FORM_LIMITS } from './form-limits.ts';
import { completeApplicationData } from './testing.ts';

const row = { title: '科学家精神进校园', date: '2021-09-10', audience: '中学生', attendance: 500 };

describe('draft limits of the default form', () => {
  it('accepts an incomplete or half-typed draft within the limits', () => {
    expect(draftLimitProblems(DEFAULT_FORM_FIELDS, { baseName: '', contactEmail: 'not-yet@', exhibitionArea: 'abc', activities: [{ title: '' }] })).toEqual([]);
    expect(draftLimitProblems(DEFAULT_FORM_FIELDS, completeApplicationData())).toEqual([]);
  });

  it('names the field and the limit of an oversize text, table or cell', () => {
    const problems = draftLimitProblems(DEFAULT_FORM_FIELDS, {
      exhibitionOutline: '展'.repeat(60_000),
      activities: Array.from({ length: 9000 }, () => row),
      originalItems: [{ kind: '手稿', count: 1, description: '说'.repeat(FORM_LIMITS.cell + 1) }],
    });
    expect(problems).toEqual([
      { key: 'originalItems', path: 'originalItems.0.description', message: `原始实物藏品第 1 行“说明”不能超过 ${FORM_LIMITS.cell} 字` },
      { key: 'exhibitionOutline', path: 'exhibitionOutline', message: '展陈大纲不能超过 5000 字（现有 60000 字）' },
      { key: 'activities', path: 'activities', message: `近三年开展的主要活动最多 ${FORM_LIMITS.tableRows} 行（现有 9000 行）` },
    ]);
  });

  it('gives fields without their own maxLength the default of their kind, in the draft as at submission', () => {
    const fields = [
      { key: 'note', section: 'plan', label: '备注', type: 'textarea', required: false },
      { key: 'motto', section: 'plan', label: '口号', type: 'text', required: false },
    ] as const;
    const data = { note: '字'.repeat(FORM_LIMITS.textarea + 1), motto: '字'.repeat(FORM_LIMITS.text + 1) };
    expect(draftLimitProblems([...fields], data).map((p) => p.message)).toEqual([
      `备注不能超过 ${FORM_LIMITS.textarea} 字（现有 ${FORM_LIMITS.textarea + 1} 字）`,
      `口号不能超过 ${FORM_LIMITS.text} 字（现有 ${FORM_LIMITS.text + 1} 字）`,
    ]);
    expect(validateApplication([...fields], data).map((p) => p.message)).toEqual([`备注不能超过 ${FORM_LIMITS.textarea} 字`, `口号不能超过 ${FORM_LIMITS.text} 字`]);
    expect(draftLimitProblems([...fields], { note: '字'.repeat(FORM_LIMITS.textarea) })).toEqual([]);
  });

  it('refuses a value that cannot be typed into the field, such as an object in a text field or junk rows', () => {
    const problems = draftLimitProblems(DEFAULT_FORM_FIELDS, { baseName: { big: 'x'.repeat(10) }, activities: [row, 'x', { other: 1 }], originalItems: 'rows' });
    expect(problems.map((p) => p.path)).toEqual(['baseName', 'originalItems', 'activities.1', 'activities.2']);
  });
});
