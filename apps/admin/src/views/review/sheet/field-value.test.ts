import { DEFAULT_FORM_FIELDS } from '@ssb/domain/application-form';
import { describe, expect, it } from 'vitest';
import { showFieldValue } from './field-value.ts';

const field = (key: string) => DEFAULT_FORM_FIELDS.find((f) => f.key === key)!;
const yesNo = { yes: '是', no: '否' };

describe('an application answer as the expert reads it', () => {
  it('shows option labels, district names, units and yes/no rather than stored codes', () => {
    expect(showFieldValue(field('unitType'), 'museum', yesNo)).toEqual({ kind: 'text', text: '科技馆 / 纪念馆' });
    expect(showFieldValue(field('districtCode'), '110108', yesNo)).toEqual({ kind: 'text', text: '海淀区' });
    expect(showFieldValue(field('exhibitionArea'), 1200, yesNo)).toEqual({ kind: 'text', text: '1,200 m²' });
    expect(showFieldValue(field('declaration'), true, yesNo)).toEqual({ kind: 'text', text: '是' });
    expect(showFieldValue(field('partnerships'), '', yesNo)).toEqual({ kind: 'text', text: '—' });
  });

  it('lays a table answer out by its columns', () => {
    expect(showFieldValue(field('originalItems'), [{ kind: '手稿', count: 12 }], yesNo)).toEqual({ kind: 'table', columns: ['类别', '数量（件）', '说明'], rows: [['手稿', '12', '—']] });
  });
});
