import { pinyin } from 'pinyin-pro';
import type { SearchDocument } from './port.ts';
import { normalise } from './tokenize.ts';

/**
 * Pinyin of titles, base names and scientists' names, as an English reader types them: each
 * syllable, and syllables run together (2–3 characters anywhere, and whole names with their tails
 * and initials), so `Qian`, `Qian Xuesen`, `qianxuesen` and `qxs` find 钱学森. Bodies get none: the
 * index stays small. ü is written u, as in Lu.
 */
const HAN_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;
const MAX_NAME = 6;

const syllablesOf = (run: string) => pinyin(run, { toneType: 'none', type: 'array' }).map((s) => normalise(s).replace(/ü/g, 'u').replace(/[^a-z]/g, ''));

function addRun(syllables: string[], out: Set<string>) {
  for (let i = 0; i < syllables.length; i++) {
    out.add(syllables[i]!);
    if (i + 1 < syllables.length) out.add(syllables[i]! + syllables[i + 1]!);
    if (i + 2 < syllables.length) out.add(syllables[i]! + syllables[i + 1]! + syllables[i + 2]!);
  }
}

function addName(syllables: string[], out: Set<string>) {
  addRun(syllables, out);
  if (syllables.length < 2 || syllables.length > MAX_NAME) return;
  for (let i = 0; i < syllables.length - 1; i++) out.add(syllables.slice(i).join(''));
  out.add(syllables.map((s) => s[0]).join(''));
}

/** The pinyin terms of a document (distinct, empty strings left out). */
export function pinyinTerms(doc: Pick<SearchDocument, 'title' | 'baseName' | 'scientists'>): string[] {
  const out = new Set<string>();
  for (const text of [doc.title, doc.baseName]) for (const run of normalise(text).match(HAN_RUN) ?? []) addRun(syllablesOf(run), out);
  for (const name of doc.scientists) for (const run of normalise(name).match(HAN_RUN) ?? []) addName(syllablesOf(run), out);
  out.delete('');
  return [...out];
}

/** Scientists' names run together (qianxuesen), for the typo-tolerant match of Latin text. */
export const pinyinNames = (scientists: string[]) =>
  scientists.map((name) => (normalise(name).match(HAN_RUN) ?? []).map((run) => syllablesOf(run).join('')).join(' ')).filter(Boolean);
