import { translateServerMessage } from '@ssb/ui/server-messages';
import { describeError } from '@ssb/ui/trpc';
import { computed, ref, watch, type Ref } from 'vue';
import { useLocalDraft } from '#/composables/use-local-draft.ts';

/** What a versioned record must carry: the version the next save names, and the base it belongs to. */
export type VersionedRecord = { version: number; baseId: string };

export type VersionedEditorOptions<F, R extends VersionedRecord> = {
  /** Where this browser keeps the unsaved copy of the form (see `useLocalDraft`). */
  draftKey: () => string;
  isNew: Ref<boolean>;
  /** The record as the server sent it (a query's data); undefined while it loads. */
  record: Ref<R | undefined>;
  /** The viewer's bases: a new record goes to the first one unless another is picked. */
  bases?: Ref<ReadonlyArray<{ id: string }> | undefined>;
  empty: () => F;
  toForm: (record: R) => F;
  /** Whether a copy kept in this browser may be put back over the loaded record (default: always). */
  mayRestore?: (record: R) => boolean;
  /** Anything else the page takes from each loaded record. */
  onLoad?: (record: R) => void;
  /** Tells the viewer that a copy kept in this browser was put back into the form. */
  onRestored: () => void;
  /** The message for a save refused because someone saved a newer version meanwhile. */
  conflictText: () => string;
};

type Issue = { path: string | readonly PropertyKey[]; message: string };

/** The first message per field (by the issue path's first segment), from the shared schema or the server. */
export function toFieldErrors(issues: ReadonlyArray<Issue>, message: (text: string) => string = (text) => translateServerMessage(text)) {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(typeof issue.path === 'string' ? issue.path.split('.')[0] : issue.path[0]);
    errors[key] ??= message(issue.message);
  }
  return errors;
}

/**
 * The scaffold of an editor for a record saved with a version check (a base's events and shared
 * resources): loading the record into the form, keeping the typed copy in this browser until it is
 * saved (and offering it back), the base a new record goes to, the save state, the field messages,
 * and telling a conflict (someone saved a newer version) from other failures.
 *
 * The page's `save` runs its own create or update inside `editor.save(...)` and calls
 * `editor.commit(saved.version)` once the server took it (before moving to the new record's address).
 */
export function useVersionedEditor<F, R extends VersionedRecord>(options: VersionedEditorOptions<F, R>) {
  const form = ref(options.empty()) as Ref<F>;
  const baseId = ref('');
  const version = ref(0);
  const fieldErrors = ref<Record<string, string>>({});
  const error = ref('');
  const isConflict = ref(false);
  const isSaving = ref(false);
  /** The form as last loaded or saved; the form is dirty while it differs. */
  const baseline = ref(JSON.stringify(form.value));
  const isDirty = computed(() => JSON.stringify(form.value) !== baseline.value);
  const draft = useLocalDraft(options.draftKey, form);

  if (options.bases) {
    watch(
      options.bases,
      (list) => {
        if (list?.length && !baseId.value) baseId.value = list[0]!.id;
      },
      { immediate: true },
    );
  }
  watch(
    [options.record, options.isNew],
    ([record, fresh]) => {
      if (fresh) {
        baseline.value = JSON.stringify(options.empty());
        const restored = draft.restore(options.empty());
        if (restored) {
          form.value = restored;
          options.onRestored();
        }
        return;
      }
      if (!record) return;
      const server = options.toForm(record);
      version.value = record.version;
      baseId.value = record.baseId;
      options.onLoad?.(record);
      baseline.value = JSON.stringify(server);
      const restored = (options.mayRestore?.(record) ?? true) ? draft.restore(server) : null;
      form.value = restored ?? server;
      if (restored) options.onRestored();
    },
    { immediate: true },
  );

  /** The server took the form: move to its version (when it sent one) and drop the local copy. */
  function commit(savedVersion?: number) {
    if (savedVersion !== undefined) version.value = savedVersion;
    baseline.value = JSON.stringify(form.value);
    draft.clear();
  }

  /**
   * Runs one save: `check` may give field messages first (then nothing is sent); a failure of `task`
   * shows the conflict text for CONFLICT, the server's message otherwise, and its field messages.
   */
  async function save(task: () => Promise<void>, check?: () => Record<string, string>) {
    error.value = '';
    isConflict.value = false;
    fieldErrors.value = check?.() ?? {};
    if (Object.keys(fieldErrors.value).length) return;
    isSaving.value = true;
    try {
      await task();
    } catch (e) {
      const described = describeError(e);
      isConflict.value = described.code === 'CONFLICT';
      error.value = isConflict.value ? options.conflictText() : translateServerMessage(described.message);
      fieldErrors.value = toFieldErrors(described.issues);
    } finally {
      isSaving.value = false;
    }
  }

  return { form, baseId, version, fieldErrors, error, isConflict, isSaving, isDirty, save, commit };
}
