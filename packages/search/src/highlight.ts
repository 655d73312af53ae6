import { normalise } from './tokenize.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A window of `text` around the first match of any term, HTML-escaped, with every match wrapped in
 * <mark>. Matching is on the NFKC/lower-cased text, which keeps lengths for CJK and ASCII; if a
 * character changes length under normalisation, highlighting falls back to no marks.
 */
export function highlightSnippet(text: string, terms: string[], maxChars = 120): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  const norm = normalise(clean);
  const sameShape = [...norm].length === chars.length && norm.length === clean.length;
  const pattern = terms.length && sameShape ? new RegExp(terms.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|'), 'gu') : null;

  const ranges: Array<[number, number]> = [];
  if (pattern) for (const m of norm.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);

  // Window in UTF-16 offsets, starting a little before the first match.
  let start = 0;
  if (ranges.length && clean.length > maxChars) start = Math.max(0, Math.min(ranges[0]![0] - 20, clean.length - maxChars));
  let end = Math.min(clean.length, start + maxChars);
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start]!)) start--;
  if (end < clean.length && /[\uD800-\uDBFF]/.test(clean[end - 1]!)) end++;

  let html = start > 0 ? '…' : '';
  let cursor = start;
  for (const [from, to] of ranges) {
    if (to <= cursor || from >= end) continue;
    const a = Math.max(from, cursor);
    const b = Math.min(to, end);
    html += escapeHtml(clean.slice(cursor, a)) + '<mark>' + escapeHtml(clean.slice(a, b)) + '</mark>';
    cursor = b;
  }
  html += escapeHtml(clean.slice(cursor, end));
  if (end < clean.length) html += '…';
  return html;
}
