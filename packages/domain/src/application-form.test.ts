import { describe, expect, it } from 'vitest';
import { applicationCompleteness, DEFAULT_FORM_FIELDS, validateApplication, ZFormField } from './application-form.ts';
import { availableActions } from './application-status.ts';
import { completeApplicationData } from './testing.ts';

describe('the application form', () => {
  it('finds nothing wrong with a complete application', () => {
    expect(validateApplication(DEFAULT_FORM_FIELDS, completeApplicationData())).toEqual([]);
    expect(applicationCompleteness(DEFAULT_FORM_FIELDS, completeApplicationData()).percent).toBe(100);
  });

  it('lists every missing or invalid field with its section and a Chinese message', () => {
    const data = completeApplicationData({ baseName: '', openDaysPerYear: 400, postcode: '20000', declaration: false, activities: [] });
    const problems = validateApplication(DEFAULT_FORM_FIELDS, data);
    expect(problems.map((p) => p.key).sort()).toEqual(['activities', 'baseName', 'declaration', 'openDaysPerYear', 'postcode']);
    expect(problems.find((p) => p.key === 'openDaysPerYear')?.message).toBe('年开放天数不能大于 366');
    expect(problems.find((p) => p.key === 'declaration')?.section).toBe('declaration');
  });

  it('measures completeness over required fields, by section', () => {
    const result = applicationCompleteness(DEFAULT_FORM_FIELDS, { baseName: '某馆' });
    expect(result.done).toBe(1);
    expect(result.percent).toBe(Math.round((1 / result.total) * 100));
    expect(result.sections.find((s) => s.key === 'identity')).toMatchObject({ done: 1 });
  });

  it('takes a field the office adds, without code', () => {
    const added = ZFormField.parse({ key: 'wheelchairAccess', section: 'space', label: '无障碍设施', type: 'select', required: true, options: [{ value: 'yes', label: '有' }, { value: 'no', label: '无' }] });
    const fields = [...DEFAULT_FORM_FIELDS, added];
    expect(validateApplication(fields, completeApplicationData()).map((p) => p.key)).toEqual(['wheelchairAccess']);
    expect(validateApplication(fields, completeApplicationData({ wheelchairAccess: 'maybe' }))[0]?.message).toBe('请选择无障碍设施');
    expect(validateApplication(fields, completeApplicationData({ wheelchairAccess: 'yes' }))).toEqual([]);
  });

  it('lets each side do only its own moves', () => {
    expect(availableActions('draft', 'applicant')).toEqual(['submit']);
    expect(availableActions('submitted', 'applicant')).toEqual(['withdraw']);
    expect(availableActions('submitted', 'recommender').sort()).toEqual(['recommend', 'return']);
    expect(availableActions('recommended', 'applicant')).toEqual([]);
    expect(availableActions('recommended', 'recommender')).toEqual(['unrecommend']);
  });
});
