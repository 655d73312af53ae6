import { safeRedirect as sharedSafeRedirect } from '@ssb/ui/redirect';

/**
 * A `?redirect=` value is followed only when it is a path inside this app, never another site
 * (`//evil.example`) or a scheme (`javascript:`).
 */
export const safeRedirect = (value: unknown, fallback = '/'): string => sharedSafeRedirect(value, { fallback });
