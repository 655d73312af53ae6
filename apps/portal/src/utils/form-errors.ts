import { describeError } from '@ssb/ui/trpc';

export type FieldMessages = Record<string, string>;

/** The first message per field, keyed by the dotted path (`organization.uscc`). */
export function issuesToFieldMessages(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of issues) {
    const key = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    if (!(key in messages)) messages[key] = issue.message;
  }
  return messages;
}

/**
 * A failed call, read for the form: the message for the alert, and per-field messages when the
 * server refused the input (its `issues` carry full paths; its `fieldErrors` only top-level ones).
 */
export function describeFormError(error: unknown): { message: string; code: string | null; fields: FieldMessages } {
  const { message, code, fieldErrors } = describeError(error);
  const data = (error as { data?: { issues?: { path: string; message: string }[] | null } } | null)?.data;
  const fields = data?.issues ? issuesToFieldMessages(data.issues) : {};
  for (const [key, list] of Object.entries(fieldErrors ?? {})) {
    if (!(key in fields) && list?.[0] && !Object.keys(fields).some((k) => k.startsWith(`${key}.`))) fields[key] = list[0];
  }
  return { message, code, fields };
}
