/**
 * Chinese-aware tokens for the embedded engine. Intl.Segmenter splits words (ICU's dictionary), but
 * it cuts names it does not know into single characters (钱学森 → 钱|学|森), so runs of Han characters
 * are also indexed as character bigrams (and each run's last character): a query's bigrams must all
 * be present, which makes 钱学 find 钱学森 and 学森 find it too; one character matches as a prefix. Latin words and numbers are indexed whole and
 * matched by prefix.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;
const LATIN_WORD = /[\p{L}\p{N}]+/gu;
const HAS_HAN = /\p{Script=Han}/u;

export const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

function hanGrams(run: string, out: string[]) {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  // The last character has no bigram starting with it: index it alone, so a one-character query
  // (a prefix match over bigrams) finds it too.
  out.push(chars.at(-1)!);
}

/** Index terms of a text, in order (positions matter only for weights). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  const norm = normalise(text);
  for (const run of norm.match(HAN_RUN) ?? []) hanGrams(run, out);
  for (const part of segmenter.segment(norm)) {
    if (!part.isWordLike) continue;
    const word = part.segment;
    if (HAS_HAN.test(word)) {
      // Dictionary words longer than a bigram rank exact-word matches higher.
      if ([...word].length > 2) out.push(word);
    } else {
      for (const latin of word.match(LATIN_WORD) ?? []) out.push(latin);
    }
  }
  return out;
}

export type QueryTerms = {
  /** Every one must be present (bigrams of Han runs, a lone Han character, Latin words). */
  required: Array<{ term: string; prefix: boolean }>;
  /** What the highlighter marks: the query's Han runs and Latin words as typed. */
  highlight: string[];
  /** Latin words, for the typo-tolerant trigram fallback. */
  latin: string[];
};

export function queryTerms(q: string): QueryTerms {
  const norm = normalise(q).slice(0, 200);
  const required: QueryTerms['required'] = [];
  const highlight: string[] = [];
  const latin: string[] = [];
  for (const run of norm.match(HAN_RUN) ?? []) {
    highlight.push(run);
    const chars = [...run];
    if (chars.length === 1) required.push({ term: run, prefix: true });
    for (let i = 0; i + 1 < chars.length; i++) required.push({ term: chars[i]! + chars[i + 1]!, prefix: false });
  }
  for (const word of norm.replace(HAN_RUN, ' ').match(LATIN_WORD) ?? []) {
    highlight.push(word);
    latin.push(word);
    required.push({ term: word, prefix: true });
  }
  const seen = new Set<string>();
  return {
    required: required.filter((r) => (seen.has(r.term) ? false : (seen.add(r.term), true))).slice(0, 32),
    highlight: [...new Set(highlight)],
    latin: [...new Set(latin)],
  };
}

const quoteLexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsvector literal of the distinct terms of the texts plus `extra` ones taken as they are (no
 * positions: ranking uses the title's own vector).
 */
export function tsvectorLiteral(texts: string[], extra: string[] = []): string {
  const terms = new Set<string>();
  for (const text of texts) for (const term of indexTerms(text)) if (term.length <= 200) terms.add(term);
  for (const term of extra) if (term.length <= 200) terms.add(term);
  return [...terms].map(quoteLexeme).join(' ');
}

/** A tsquery literal requiring every term; null when the query has no searchable characters. */
export function tsqueryLiteral(terms: QueryTerms): string | null {
  if (terms.required.length === 0) return null;
  return terms.required.map((r) => `${quoteLexeme(r.term)}${r.prefix ? ':*' : ''}`).join(' & ');
}
