import { csrfHeaders } from '@ssb/ui/csrf';
import { describeError, isUnauthorized, trpc } from '@ssb/ui';
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import {
  clearLocalDrafts,
  readLocalDraft,
  sameData,
  shouldOfferLocalDraft,
  stableStringify,
  writeLocalDraft,
  type LocalDraft,
} from '#/utils/draft-storage.ts';

export type DraftConflict = {
  kind: 'draft_conflict';
  serverVersion: number;
  serverData: Record<string, unknown>;
  updatedAt: string;
  updatedByName: string | null;
};

/**
 * - `saved`: what is on screen is on the server;
 * - `dirty`: changed, waiting for the pause in typing;
 * - `saving`; `error` (retried by itself); `signedOut` (the session expired: the local copy holds
 *   everything until the user signs in again); `conflict` (someone saved in between: the user chooses).
 */
export type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'signedOut' | 'conflict';

export type ServerSnapshot = { version: number; updatedAt: string; data: Record<string, unknown>; editable: boolean };

type SaveFn = (input: { applicationId: string; version: number; data: Record<string, unknown> }) => Promise<{ version: number; updatedAt: string }>;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const RETRY_MS = 5000;
/** Browsers cap keepalive request bodies at 64 KiB. */
const KEEPALIVE_MAX_BYTES = 60 * 1024;

/**
 * The applicant's draft: autosaved after a pause in typing and on leaving a field, copied to
 * localStorage on every change, saved once more as the page unloads, and never overwriting a newer
 * version saved elsewhere.
 */
export function useApplicationDraft(applicationId: () => string, options: { debounceMs?: number; save?: SaveFn; storage?: Storage } = {}) {
  const debounceMs = options.debounceMs ?? 1500;
  const save: SaveFn = options.save ?? ((input) => trpc.applications.saveDraft.mutate(input));
  const storage = options.storage ?? window.localStorage;

  const data = ref<Record<string, unknown>>({});
  const version = ref(0);
  const loaded = ref(false);
  const editable = ref(false);
  const state = ref<SaveState>('saved');
  const savedAt = ref<Date | null>(null);
  const errorMessage = ref('');
  /** Fields the server refused in the last save (over a limit), by field key, for the page to mark. */
  const fieldIssues = ref<Record<string, string>>({});
  const conflict = shallowRef<DraftConflict | null>(null);
  /** A local copy newer than the server's, waiting for the user to restore or discard it. */
  const offeredLocal = shallowRef<LocalDraft | null>(null);

  let lastSaved = '';
  /** The server's copy as first loaded: what "untouched" means when a local copy is restored. */
  let loadedData: Record<string, unknown> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let saveAgain = false;

  const isClean = () => stableStringify(data.value) === lastSaved;

  /** When the user last changed something: the local copy's age, whenever it is written. */
  let lastChangedAt = Date.now();
  function keepLocalCopy() {
    writeLocalDraft(storage, { applicationId: applicationId(), baseVersion: version.value, data: data.value, changedAt: lastChangedAt });
  }

  /** A new snapshot from the server: taken on the first load, later only when nothing is pending here. */
  function load(server: ServerSnapshot) {
    editable.value = server.editable;
    const pending = state.value !== 'saved' || offeredLocal.value;
    if (loaded.value && (pending || server.version <= version.value)) return;
    data.value = clone(server.data);
    version.value = server.version;
    lastSaved = stableStringify(server.data);
    savedAt.value = new Date(server.updatedAt);
    state.value = 'saved';
    if (!loaded.value) {
      loaded.value = true;
      loadedData = clone(server.data);
      const local = readLocalDraft(storage, applicationId());
      if (server.editable && shouldOfferLocalDraft(local, server)) offeredLocal.value = local;
      else clearLocalDrafts(storage, applicationId());
    }
  }

  function changed() {
    lastChangedAt = Date.now();
    if (isClean()) {
      clearTimeout(timer);
      clearLocalDrafts(storage, applicationId());
      if (state.value === 'dirty' || state.value === 'error') state.value = 'saved';
      return;
    }
    keepLocalCopy();
    if (state.value === 'saved' || state.value === 'error') state.value = 'dirty';
    schedule(debounceMs);
  }

  function set(key: string, value: unknown) {
    if (!editable.value) return;
    data.value = { ...data.value, [key]: value };
    changed();
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), ms);
  }

  /** Saves now if anything is pending (after leaving a field, before submitting, when leaving the page). */
  function flush(): Promise<void> {
    clearTimeout(timer);
    if (!editable.value || state.value === 'conflict' || state.value === 'signedOut') return Promise.resolve();
    if (inFlight) {
      saveAgain = true;
      return inFlight;
    }
    if (isClean()) return Promise.resolve();
    inFlight = run().finally(() => {
      inFlight = null;
      if (saveAgain) {
        saveAgain = false;
        if (state.value === 'dirty') void flush();
      }
    });
    return inFlight;
  }

  async function run() {
    const sent = clone(data.value);
    const sentText = stableStringify(sent);
    state.value = 'saving';
    try {
      const result = await save({ applicationId: applicationId(), version: version.value, data: sent });
      version.value = result.version;
      lastSaved = sentText;
      savedAt.value = new Date(result.updatedAt);
      errorMessage.value = '';
      fieldIssues.value = {};
      if (isClean()) {
        state.value = 'saved';
        clearLocalDrafts(storage, applicationId());
      } else {
        // Typed on while saving: the local copy now builds on the new version.
        state.value = 'dirty';
        keepLocalCopy();
        schedule(debounceMs);
      }
    } catch (error) {
      const described = describeError(error);
      if (isUnauthorized(error)) {
        state.value = 'signedOut';
      } else if ((described.conflict as DraftConflict | null)?.kind === 'draft_conflict') {
        const c = described.conflict as DraftConflict;
        if (sameData(c.serverData, sent)) {
          // The newer version already holds exactly this (e.g. the save sent as the page unloaded): nothing to choose.
          version.value = c.serverVersion;
          lastSaved = sentText;
          savedAt.value = new Date(c.updatedAt);
          state.value = isClean() ? 'saved' : 'dirty';
          if (state.value === 'saved') clearLocalDrafts(storage, applicationId());
          else schedule(debounceMs);
        } else {
          conflict.value = c;
          state.value = 'conflict';
        }
      } else {
        errorMessage.value = described.message;
        state.value = 'error';
        const refused = described.issues.filter((i) => i.path.startsWith('data.'));
        fieldIssues.value = Object.fromEntries(refused.map((i) => [i.path.slice('data.'.length).split('.')[0]!, i.message]));
        // A refusal of what was typed will not change on a retry: the next edit saves again.
        if (refused.length === 0) schedule(RETRY_MS);
      }
    }
  }

  /** Resolves once everything typed is on the server; false when it cannot be (conflict, signed out, failure). */
  async function saveNow(): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await flush();
      if (inFlight) await inFlight;
      if (state.value !== 'dirty' && state.value !== 'saving') break;
    }
    return state.value === 'saved';
  }

  function keepMine() {
    const c = conflict.value;
    if (!c) return Promise.resolve();
    version.value = c.serverVersion;
    conflict.value = null;
    state.value = 'dirty';
    keepLocalCopy();
    return flush();
  }

  function takeTheirs() {
    const c = conflict.value;
    if (!c) return;
    data.value = clone(c.serverData);
    version.value = c.serverVersion;
    lastSaved = stableStringify(c.serverData);
    savedAt.value = new Date(c.updatedAt);
    conflict.value = null;
    state.value = 'saved';
    clearLocalDrafts(storage, applicationId());
  }

  function restoreLocal() {
    const local = offeredLocal.value;
    offeredLocal.value = null;
    if (!local) return Promise.resolve();
    // Fields changed on this page since it loaded keep their new value; the others take the local copy's.
    const merged = { ...data.value };
    for (const [key, value] of Object.entries(local.data)) {
      if (stableStringify(data.value[key] ?? null) === stableStringify(loadedData[key] ?? null)) merged[key] = clone(value ?? null);
    }
    data.value = merged;
    changed();
    return flush();
  }

  function discardLocal() {
    offeredLocal.value = null;
    clearLocalDrafts(storage, applicationId());
  }

  /** Signed in again after the session expired: save what was kept. */
  function resumeAfterSignIn() {
    if (state.value !== 'signedOut') return Promise.resolve();
    state.value = isClean() ? 'saved' : 'dirty';
    return flush();
  }

  /**
   * The page is going away (reload, tab closed): one last save that outlives the page. Whatever
   * happens to it, the local copy is already written.
   */
  function saveOnUnload() {
    if (!editable.value || isClean() || state.value === 'conflict' || state.value === 'signedOut') return;
    keepLocalCopy();
    const body = JSON.stringify({ applicationId: applicationId(), version: version.value, data: data.value });
    if (body.length > KEEPALIVE_MAX_BYTES) return;
    void fetch('/trpc/applications.saveDraft', {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...csrfHeaders() },
      body,
    }).catch(() => undefined);
  }

  const onPageHide = () => saveOnUnload();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void flush();
  };
  onMounted(() => {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibility);
    clearTimeout(timer);
  });

  return {
    data,
    version,
    loaded,
    editable,
    state,
    savedAt,
    errorMessage,
    fieldIssues,
    conflict,
    offeredLocal,
    load,
    set,
    flush,
    saveNow,
    keepMine,
    takeTheirs,
    restoreLocal,
    discardLocal,
    resumeAfterSignIn,
    isDifferentFromServer: (serverData: Record<string, unknown>) => !sameData(data.value, serverData),
  };
}
