import { weightedTotal } from '@ssb/domain/scoring';
import type { ReviewCriterion } from '@ssb/domain/selection';
import { computed, ref, watch, type Ref } from 'vue';
import { useSaveScores, useSubmitScores, type ExpertAssignment } from '#/api/review.ts';

type Sheet = { scores: Record<string, number>; comment: string };
type Backup = Sheet & { version: number };

const backupKey = (assignmentId: string) => `ssb.review.sheet.${assignmentId}`;

/**
 * The score sheet being edited: what the expert typed, whether it differs from the server's copy,
 * the live weighted total (the same maths the server ranks with), and saving with the version the
 * page started from. Unsaved input is also kept in this browser, so a closed tab loses nothing.
 */
export function useScoreSheet(source: Ref<ExpertAssignment | undefined>) {
  const scores = ref<Record<string, number | undefined>>({});
  const comment = ref('');
  const version = ref(0);
  const isRestored = ref(false);
  let saved: Sheet = { scores: {}, comment: '' };
  const save = useSaveScores();
  const submitMutation = useSubmitScores();

  const criteria = computed<ReviewCriterion[]>(() => source.value?.round.criteria ?? []);
  const filled = computed(() => Object.fromEntries(Object.entries(scores.value).filter((e): e is [string, number] => typeof e[1] === 'number')));
  const total = computed(() => weightedTotal(criteria.value, filled.value));
  const isDirty = computed(() => JSON.stringify({ scores: filled.value, comment: comment.value }) !== JSON.stringify(saved));
  const isEditable = computed(() => {
    const data = source.value;
    if (!data || data.assignment.status !== 'assigned' || data.round.status !== 'open') return false;
    return !data.round.closesAt || new Date(data.round.closesAt).getTime() > Date.now();
  });

  function load(data: ExpertAssignment) {
    saved = { scores: { ...data.assignment.scores }, comment: data.assignment.comment };
    version.value = data.assignment.version;
    scores.value = { ...data.assignment.scores };
    comment.value = data.assignment.comment;
    isRestored.value = false;
    const raw = localStorage.getItem(backupKey(data.assignment.id));
    const backup = raw ? (JSON.parse(raw) as Backup) : null;
    if (backup && backup.version === data.assignment.version && data.assignment.status === 'assigned') {
      scores.value = { ...backup.scores };
      comment.value = backup.comment;
      isRestored.value = isDirty.value;
    } else if (backup) {
      localStorage.removeItem(backupKey(data.assignment.id));
    }
  }
  // Only a different sheet or a newer server version replaces what is on screen, never a refetch of the same.
  let loadedId = '';
  watch(
    source,
    (data) => {
      if (!data || (data.assignment.id === loadedId && data.assignment.version === version.value && data.assignment.status === 'assigned')) return;
      loadedId = data.assignment.id;
      load(data);
    },
    { immediate: true },
  );
  watch([scores, comment], () => {
    const id = source.value?.assignment.id;
    if (!id || !isEditable.value) return;
    if (isDirty.value) localStorage.setItem(backupKey(id), JSON.stringify({ scores: filled.value, comment: comment.value, version: version.value } satisfies Backup));
    else localStorage.removeItem(backupKey(id));
  }, { deep: true });

  function markSaved(newVersion: number) {
    saved = { scores: { ...filled.value }, comment: comment.value };
    version.value = newVersion;
    isRestored.value = false;
    if (source.value) localStorage.removeItem(backupKey(source.value.assignment.id));
  }

  const input = () => ({ assignmentId: source.value!.assignment.id, version: version.value, scores: filled.value, comment: comment.value });
  async function saveDraft() {
    const result = await save.mutateAsync(input());
    markSaved(result.version);
  }
  async function submit() {
    const result = await submitMutation.mutateAsync(input());
    markSaved(result.version);
  }
  function discardBackup() {
    if (source.value) localStorage.removeItem(backupKey(source.value.assignment.id));
  }

  return { scores, comment, criteria, total, isDirty, isEditable, isRestored, saveDraft, submit, discardBackup, isSaving: save.isPending, isSubmitting: submitMutation.isPending };
}
