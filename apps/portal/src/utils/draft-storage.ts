/**
 * The local copy of a draft: written on every change, so that a reload, a crash or an expired
 * session loses nothing. One copy per application, keyed by its id and the server version the
 * edits started from.
 */
export type LocalDraft = { applicationId: string; baseVersion: number; data: Record<string, unknown>; changedAt: number };

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'ssb.draft.';
export const localDraftKey = (applicationId: string, baseVersion: number) => `${PREFIX}${applicationId}.v${baseVersion}`;

/** JSON with keys sorted, so that two copies of the same form compare equal (the database reorders keys). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Empty values are equal to missing ones: a cleared field is not a change. */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  stableStringify(withoutEmpty(a)) === stableStringify(withoutEmpty(b));

function keysOf(storage: KeyValueStorage, applicationId: string) {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(`${PREFIX}${applicationId}.`)) keys.push(key);
  }
  return keys;
}

/** The newest local copy of this application's draft, or null. */
export function readLocalDraft(storage: KeyValueStorage, applicationId: string): LocalDraft | null {
  let newest: LocalDraft | null = null;
  for (const key of keysOf(storage, applicationId)) {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? 'null') as LocalDraft | null;
      if (parsed && parsed.applicationId === applicationId && parsed.data && typeof parsed.data === 'object') {
        if (!newest || parsed.changedAt > newest.changedAt) newest = parsed;
      }
    } catch {
      // A damaged copy is of no use.
    }
  }
  return newest;
}

/** Keeps exactly one copy: the one just written. Returns false when the browser refused (storage full or disabled). */
export function writeLocalDraft(storage: KeyValueStorage, draft: LocalDraft): boolean {
  const key = localDraftKey(draft.applicationId, draft.baseVersion);
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    return false;
  }
  for (const other of keysOf(storage, draft.applicationId)) if (other !== key) storage.removeItem(other);
  return true;
}

export function clearLocalDrafts(storage: KeyValueStorage, applicationId: string) {
  for (const key of keysOf(storage, applicationId)) storage.removeItem(key);
}

/**
 * Whether to offer the local copy: it holds something the server does not, and it is newer — made
 * on top of the server's current version, or after the server's last save.
 */
export function shouldOfferLocalDraft(local: LocalDraft | null, server: { version: number; updatedAt: string | Date; data: Record<string, unknown> }) {
  if (!local || sameData(local.data, server.data)) return false;
  return local.baseVersion >= server.version || local.changedAt > new Date(server.updatedAt).getTime();
}
