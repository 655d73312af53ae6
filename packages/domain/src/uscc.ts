// 统一社会信用代码 (GB 32100-2015): 18 characters; the last is a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[1-9ANY][1-9]\d{6}[0-9ABCDEFGHJKLMNPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`invalid character at ${i + 1}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem = 'length' | 'characters' | 'check';

/** Returns null when valid, otherwise what is wrong. */
export function findUsccProblem(raw: string): UsccProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check';
}

export const isValidUscc = (raw: string) => findUsccProblem(raw) === null;

export const USCC_MESSAGES: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）',
  check: '统一社会信用代码校验位不正确，请核对',
};

/** Builds a valid code from a seed number: for demo data and tests only. */
export function makeUscc(seed: number, prefix = '12110000'): string {
  let body = prefix;
  let n = Math.abs(Math.floor(seed));
  while (body.length < 17) {
    body += ALPHABET[n % 31];
    n = Math.floor(n / 31) + 7 * body.length;
  }
  return body + usccCheckCharacter(body);
}
