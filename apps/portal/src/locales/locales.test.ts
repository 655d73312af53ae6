import { describe, expect, it } from 'vitest';
import { issuesToFieldMessages } from '../utils/form-errors.ts';
import en from './langs/en.json';
import zhCN from './langs/zh-CN.json';

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe('locales', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zhCN as Tree).sort());
  });
  it('use no characters vue-i18n would read as syntax', () => {
    for (const tree of [en, zhCN]) {
      const text = JSON.stringify(tree);
      expect(text).not.toMatch(/[@|$]/);
    }
  });
});

describe('form errors', () => {
  it('keeps the first message per dotted path', () => {
    expect(
      issuesToFieldMessages([
        { path: ['organization', 'uscc'], message: 'a' },
        { path: ['organization', 'uscc'], message: 'b' },
        { path: 'user.email', message: 'c' },
      ]),
    ).toEqual({ 'organization.uscc': 'a', 'user.email': 'c' });
  });
});
