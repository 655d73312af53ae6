/**
 * A `?redirect=` value, followed only when it is a path on this site: never another host (`//evil`,
 * `/\evil`), a scheme (`javascript:`) or anything a browser would read as one. Null otherwise.
 */
export function safePath(value: unknown): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil" would become "//evil".
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  try {
    const url = new URL(raw, 'https://ssb.invalid');
    return url.origin === 'https://ssb.invalid' ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** The same, for an app's own pages: the sign-in page itself (and pages named in `avoid`) lead to `fallback`. */
export function safeRedirect(value: unknown, options: { fallback?: string; avoid?: string[] } = {}): string {
  const fallback = options.fallback ?? '/';
  const path = safePath(value);
  if (!path || ['/login', ...(options.avoid ?? [])].some((p) => path === p || path.startsWith(`${p}?`) || path.startsWith(`${p}/`))) return fallback;
  return path;
}
