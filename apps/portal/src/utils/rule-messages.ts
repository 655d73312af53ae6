/**
 * The shared form rules (@ssb/domain/application-form) word their messages in Chinese around the
 * field's label. For the English interface the common shapes are recognised and re-worded with the
 * English label; anything else is shown as the rules wrote it.
 */
type Translate = (key: string, params: Record<string, string>) => string;

const PATTERNS: Array<{ pattern: RegExp; key: string; params: (m: RegExpMatchArray) => Record<string, string> }> = [
  { pattern: /^请填写(.+)$/, key: 'fillIn', params: (m) => ({ label: m[1]! }) },
  { pattern: /^请勾选：(.+)$/, key: 'tick', params: (m) => ({ label: m[1]! }) },
  { pattern: /^请选择(.+)$/, key: 'choose', params: (m) => ({ label: m[1]! }) },
  { pattern: /^(.+)不能超过 (\d+) 字$/, key: 'tooLong', params: (m) => ({ label: m[1]!, n: m[2]! }) },
  { pattern: /^(.+)须为数字$/, key: 'notNumber', params: (m) => ({ label: m[1]! }) },
  { pattern: /^(.+)不能小于 (-?[\d.]+)$/, key: 'tooSmall', params: (m) => ({ label: m[1]!, n: m[2]! }) },
  { pattern: /^(.+)不能大于 (-?[\d.]+)$/, key: 'tooLarge', params: (m) => ({ label: m[1]!, n: m[2]! }) },
  { pattern: /^(.+)不能为负数$/, key: 'negative', params: (m) => ({ label: m[1]! }) },
  { pattern: /^(.+)须为日期$/, key: 'notDate', params: (m) => ({ label: m[1]! }) },
  { pattern: /^(.+)最多 (\d+) 行$/, key: 'tooManyRows', params: (m) => ({ label: m[1]!, n: m[2]! }) },
];

/** `labels` maps each Chinese field or column label to its English one. Null when the shape is not known. */
export function englishRuleMessage(message: string, labels: ReadonlyMap<string, string>, t: Translate): string | null {
  for (const { pattern, key, params } of PATTERNS) {
    const match = message.match(pattern);
    if (!match) continue;
    const values = params(match);
    if (values.label !== undefined) values.label = labels.get(values.label) ?? values.label;
    return t(`portal.ruleMessages.${key}`, values);
  }
  return null;
}

/** Chinese label → English label, for every field and table column of a form. */
export function labelMap(fields: ReadonlyArray<{ label: string; labelEn?: string; columns?: ReadonlyArray<{ label: string; labelEn?: string }> }>) {
  const map = new Map<string, string>();
  for (const f of fields) {
    if (f.labelEn) map.set(f.label, f.labelEn);
    for (const c of f.columns ?? []) if (c.labelEn) map.set(c.label, c.labelEn);
  }
  return map;
}
