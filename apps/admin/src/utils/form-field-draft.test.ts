import { ZNewFormField } from '@ssb/domain/new-form-field';
import { describe, expect, test } from 'vitest';
import { blankFieldDraft, draftToField, fieldDraftProblems } from './form-field-draft.ts';

describe('new form field', () => {
  test('a select with options passes the domain schema, without settings of other types or any key', () => {
    const draft = { ...blankFieldDraft(), section: 'space' as const, label: ' 无障碍设施 ', type: 'select' as const, required: true, maxLength: 20, unit: '个',
      options: [{ label: '有' }, { label: '无' }] };
    const field = draftToField(draft);
    expect(field).toEqual({ section: 'space', label: '无障碍设施', type: 'select', required: true, options: [{ label: '有' }, { label: '无' }] });
    expect(ZNewFormField.safeParse(field).success).toBe(true);
    expect(fieldDraftProblems(draft, ['基地名称'])).toEqual({});
  });

  test('a number keeps its bounds and unit', () => {
    const draft = { ...blankFieldDraft(), section: 'space' as const, label: '座位数', type: 'number' as const, min: 0, max: 5000, unit: '个' };
    expect(draftToField(draft)).toMatchObject({ min: 0, max: 5000, unit: '个' });
    expect(fieldDraftProblems({ ...draft, min: 10, max: 1 }, [])).toEqual({ max: 'minAboveMax' });
  });

  test('a name already on the form, option-less selects and repeated options are caught here', () => {
    const draft = { ...blankFieldDraft(), label: '基地名称', type: 'select' as const };
    expect(fieldDraftProblems(draft, ['基地名称'])).toEqual({ label: 'duplicateLabel', options: 'optionsRequired' });
    expect(fieldDraftProblems({ ...draft, label: '设施', options: [{ label: '有' }, { label: '有 ' }] }, ['基地名称'])).toEqual({ options: 'duplicateOption' });
  });
});
