import { findUsccProblem, type UsccProblem } from '@ssb/domain/uscc';

const USCC_LENGTH = 18;
// Letters the code never uses (I, O, Z, S, V) and anything that is not a letter or a digit.
const INVALID_CHARACTER = /[^0-9A-HJ-NP-RTUWXY]/;

export type UsccFeedback =
  | { state: 'empty' }
  | { state: 'incomplete'; remaining: number }
  | { state: 'invalid'; problem: UsccProblem }
  | { state: 'valid' };

/** The code as the user should store it: capitals, no spaces. */
export const normalizeUscc = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

/** What to tell the user about a 统一社会信用代码 while they type it. */
export function usccFeedback(raw: string): UsccFeedback {
  const code = normalizeUscc(raw);
  if (code.length === 0) return { state: 'empty' };
  if (INVALID_CHARACTER.test(code)) return { state: 'invalid', problem: 'characters' };
  if (code.length < USCC_LENGTH) return { state: 'incomplete', remaining: USCC_LENGTH - code.length };
  const problem = findUsccProblem(code);
  return problem ? { state: 'invalid', problem } : { state: 'valid' };
}
