import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUsccProblem, makeUscc, usccCheckCharacter } from './uscc.ts';

describe('统一社会信用代码', () => {
  it('accepts a published real-world code', () => {
    // 北京市科学技术协会 style: a known valid code from the GB 32100 worked example
    expect(findUsccProblem('91350100M000100Y43')).toBeNull();
  });

  it('rejects a wrong check character, wrong length and forbidden letters', () => {
    expect(findUsccProblem('91350100M000100Y44')).toBe('check');
    expect(findUsccProblem('91350100M000100Y4')).toBe('length');
    expect(findUsccProblem('91350100M000100I43')).toBe('characters');
  });

  it('accepts lower case input by normalising it', () => {
    expect(findUsccProblem('91350100m000100y43')).toBeNull();
  });

  it('every generated code is valid and any single changed character is caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 8, max: 17 }), (seed, pos) => {
        const code = makeUscc(seed);
        expect(findUsccProblem(code)).toBeNull();
        const replaced = code[pos] === '0' ? '1' : '0';
        const altered = code.slice(0, pos) + replaced + code.slice(pos + 1);
        expect(findUsccProblem(altered)).not.toBeNull();
      }),
    );
  });

  it('computes the check character from the first 17', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
