import { watch, type Ref } from 'vue';

/**
 * Keeps a copy of a form in this browser until it is saved, so a closed tab or a failed save never
 * loses what was typed. `restore` returns the copy when it differs from what the server has.
 */
export function useLocalDraft<T>(key: () => string, form: Ref<T>) {
  const storageKey = () => `ssb:draft:${key()}`;
  let isTracking = false;
  watch(
    form,
    (value) => {
      if (isTracking) localStorage.setItem(storageKey(), JSON.stringify(value));
    },
    { deep: true },
  );
  return {
    /** Starts tracking; returns the saved copy if one exists and differs from the server's. */
    restore(serverCopy: T): T | null {
      isTracking = true;
      const raw = localStorage.getItem(storageKey());
      if (!raw) return null;
      try {
        const saved = JSON.parse(raw) as T;
        return JSON.stringify(saved) === JSON.stringify(serverCopy) ? null : saved;
      } catch {
        return null;
      }
    },
    clear() {
      localStorage.removeItem(storageKey());
    },
  };
}
