/**
 * A `?redirect=` value is followed only when it is a path inside this app, never another site
 * (`//evil.example`) or a scheme (`javascript:`).
 */
export function safeRedirect(value: unknown, fallback = '/'): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw.startsWith('/login')) return fallback;
  return raw;
}
