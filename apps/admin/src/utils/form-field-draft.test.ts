import { ZFormField } from '@ssb/domain/application-form';
import { describe, expect, test } from 'vitest';
import { blankFieldDraft, draftToField, fieldDraftProblems } from './form-field-draft.ts';

describe('new form field', () => {
  test('a select with options passes the domain schema, without settings of other types', () => {
    const draft = { ...blankFieldDraft(), key: 'wheelchairAccess', section: 'space' as const, label: ' 无障碍设施 ', type: 'select' as const, required: true, maxLength: 20, unit: '个',
      options: [{ value: 'yes', label: '有' }, { value: 'no', label: '无' }] };
    const field = draftToField(draft);
    expect(field).toEqual({ key: 'wheelchairAccess', section: 'space', label: '无障碍设施', type: 'select', required: true, options: [{ value: 'yes', label: '有' }, { value: 'no', label: '无' }] });
    expect(ZFormField.safeParse(field).success).toBe(true);
    expect(fieldDraftProblems(draft, ['baseName'])).toEqual({});
  });

  test('a number keeps its bounds and unit', () => {
    const draft = { ...blankFieldDraft(), key: 'seats', section: 'space' as const, label: '座位数', type: 'number' as const, min: 0, max: 5000, unit: '个' };
    expect(draftToField(draft)).toMatchObject({ min: 0, max: 5000, unit: '个' });
    expect(fieldDraftProblems({ ...draft, min: 10, max: 1 }, [])).toEqual({ max: 'minAboveMax' });
  });

  test('bad keys fail the schema; taken keys and option-less selects are caught here', () => {
    const bad = ZFormField.safeParse(draftToField({ ...blankFieldDraft(), key: '1abc', section: 'space', label: 'x', type: 'text' }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path[0]).toBe('key');
    const draft = { ...blankFieldDraft(), key: 'baseName', type: 'select' as const };
    expect(fieldDraftProblems(draft, ['baseName'])).toEqual({ key: 'duplicateKey', options: 'optionsRequired' });
    expect(fieldDraftProblems({ ...draft, key: 'x', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] }, [])).toEqual({ options: 'duplicateOption' });
  });
});
