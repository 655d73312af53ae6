import { describe, expect, it } from 'vitest';
import { splitScientists } from './name-base.ts';

describe('splitScientists', () => {
  it('keeps the names from the form’s free text', () => {
    expect(splitScientists('展示钱学森、赵九章等科学家的事迹。')).toEqual(['钱学森', '赵九章']);
    expect(splitScientists('李四光，竺可桢；茅以升\n詹天佑')).toEqual(['李四光', '竺可桢', '茅以升', '詹天佑']);
  });
  it('drops sentences that are not names', () => {
    expect(splitScientists('本馆通过大量实物和影像资料全面展示了新中国科学事业的发展历程')).toEqual([]);
    expect(splitScientists('')).toEqual([]);
  });
});
