import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM_FIELDS } from './application-form.ts';
import { fieldFromNew, nextFieldKey, ZNewFormField } from './new-form-field.ts';

describe('a field the office adds', () => {
  it('gets the next unused key, never one given before', () => {
    expect(nextFieldKey(DEFAULT_FORM_FIELDS)).toBe('extra1');
    expect(nextFieldKey([...DEFAULT_FORM_FIELDS, { key: 'extra1' }, { key: 'extra4' }])).toBe('extra5');
  });

  it('is named, not keyed: options are their own values', () => {
    const parsed = ZNewFormField.parse({ section: 'space', label: ' 无障碍设施 ', type: 'select', required: true, options: [{ label: '有' }, { label: '无' }], key: 'typed' });
    expect(parsed).not.toHaveProperty('key');
    expect(fieldFromNew(parsed, DEFAULT_FORM_FIELDS)).toEqual({ key: 'extra1', section: 'space', label: '无障碍设施', type: 'select', required: true, options: [{ value: '有', label: '有' }, { value: '无', label: '无' }] });
    expect(ZNewFormField.safeParse({ section: 'space', label: '设施', type: 'select', required: true, options: [{ label: '有' }, { label: '有' }] }).error?.issues[0]?.message).toBe('选项名称不能重复');
  });
});
