import { describe, expect, it } from 'vitest';
import en from '../locales/langs/en.json';
import zhCN from '../locales/langs/zh-CN.json';
import { BASE_CATEGORIES } from '@ssb/domain/spirit';

describe('locale files', () => {
  it('name every base category, in the domain order', () => {
    expect(zhCN.home.categories.items).toEqual([...BASE_CATEGORIES]);
    expect(en.home.categories.items).toHaveLength(BASE_CATEGORIES.length);
  });
  it('have the same keys in both languages', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    const zhKeys = new Set(keys(zhCN));
    const enKeys = keys(en).filter((k) => !k.startsWith('bodies.'));
    expect(enKeys.sort()).toEqual([...zhKeys].sort());
  });
});
