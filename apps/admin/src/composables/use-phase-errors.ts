import { ref, watch, type Ref } from 'vue';
import type { PhaseDraft, PhaseError, PhaseKey } from '#/utils/campaign-phases.ts';

/** Per-phase messages that go away as soon as that phase's start or end is edited. */
export function usePhaseErrors(drafts: Ref<PhaseDraft[]>) {
  const errors = ref<Partial<Record<PhaseKey, PhaseError>>>({});
  watch(
    () => drafts.value.map((d) => `${d.key}|${d.start}|${d.end}`),
    (next, previous) => {
      next.forEach((row, i) => {
        if (row !== previous[i]) delete errors.value[drafts.value[i]!.key];
      });
    },
  );
  return errors;
}
