import type { FieldErrors } from '@ssb/ui';

/** First message per field; `translate` supplies the console's own wording where it has one. */
export function issuesToFieldErrors(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  translate?: (field: string) => string | null,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || errors[field]) continue;
    errors[field] = translate?.(field) ?? issue.message;
  }
  return errors;
}

/** The server's per-field messages (already Chinese) in the same shape. */
export function serverFieldErrors(fieldErrors: FieldErrors | null): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) if (messages?.[0]) errors[field] = messages[0];
  return errors;
}
