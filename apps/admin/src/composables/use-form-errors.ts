import { ref, watch } from 'vue';

/** Per-field messages that go away as soon as the person edits that field. */
export function useFormErrors<T extends Record<string, unknown>>(form: T) {
  const errors = ref<Record<string, string>>({});
  watch(
    () => ({ ...form }),
    (next, previous) => {
      for (const key of Object.keys(next)) if (next[key] !== previous[key] && errors.value[key]) delete errors.value[key];
    },
  );
  return errors;
}
