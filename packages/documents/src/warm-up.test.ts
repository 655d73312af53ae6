import { expect, it } from 'vitest';
import { parsedFontCount } from './fonts.ts';
import { warmUpDocuments } from './warm-up.ts';

it('parses the CJK fonts once, so that later renders find them ready', async () => {
  expect(parsedFontCount()).toBe(0);
  await warmUpDocuments();
  const afterWarmUp = parsedFontCount();
  // Regular and bold (one face when the machine has only one CJK weight).
  expect(afterWarmUp).toBeGreaterThanOrEqual(1);
  await warmUpDocuments();
  expect(parsedFontCount()).toBe(afterWarmUp);
});
