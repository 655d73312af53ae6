import { describe, expect, it } from 'vitest';
import { districtLabel, safeSnippet, typeLabel } from './labels.ts';

describe('public labels', () => {
  it('keeps only <mark> in search snippets', () => {
    expect(safeSnippet('地质<mark>罗盘</mark>&lt;b&gt;<img src=x onerror=alert(1)><script>x</script>')).toBe('地质<mark>罗盘</mark>&lt;b&gt;x');
  });
  it('names types and districts in the reader language', () => {
    expect(typeLabel('exhibit', 'zh-CN')).toBe('展品');
    expect(typeLabel('exhibit', 'en')).toBe('Exhibit');
    expect(districtLabel('110108', 'zh-CN')).toBe('海淀区');
    expect(districtLabel('999999', 'en')).toBe('999999');
  });
});
