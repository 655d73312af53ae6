export type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };

/** An error as a plain object for the log: type, message, stack, the driver's SQLSTATE fields, and its causes. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const { name, message, stack, cause, ...fields } = error as Error & Record<string, unknown>;
  const out: SerializedError = { ...fields, type: name, message, stack: stack ?? '' };
  if (cause !== undefined && depth < 5) out.cause = serializeError(cause, depth + 1);
  return out;
}
