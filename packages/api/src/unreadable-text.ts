export const UNREADABLE_TEXT_MESSAGE = '文本中含有无法识别的字符（如空字符），请删除后重试';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL byte, which PostgreSQL text cannot hold, or half of a surrogate pair, which UTF-8 cannot encode. */
export const isUnreadableText = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Objects whose own keys hold input: parsed JSON, and query strings (whose objects have no Object prototype). */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof Date);

/**
 * The path of the first string (a value or a key) in `value` that PostgreSQL would refuse, or null.
 * Iterative, so a deeply nested input cannot exhaust the stack.
 */
export function findUnreadableText(value: unknown): Array<string | number> | null {
  const stack: Array<{ node: unknown; path: Array<string | number> }> = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (isUnreadableText(node)) return path;
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
    } else if (isRecord(node)) {
      for (const [key, item] of Object.entries(node)) {
        if (isUnreadableText(key)) return [...path, key];
        stack.push({ node: item, path: [...path, key] });
      }
    }
  }
  return null;
}
