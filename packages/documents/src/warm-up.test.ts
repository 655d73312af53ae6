import { expect, it } from 'vitest';
import { warmUpDocuments } from './warm-up.ts';

it('warms up the PDF rendering (fonts parsed, code run once)', async () => {
  const first = await warmUpDocuments();
  const second = await warmUpDocuments();
  console.log(`[documents] warm-up: ${first.toFixed(0)} ms, again ${second.toFixed(0)} ms`);
  expect(second).toBeGreaterThan(0);
});
