import { fromWallClock, toWallClock, WALL_CLOCK_FORMAT } from '@ssb/domain/time';

/**
 * Campaign phases as the office edits them: Beijing wall-clock times in the pickers, ISO instants
 * with +08:00 on the wire, whatever time zone the browser happens to be in.
 */
import { PHASE_KEYS, type PhaseKey } from '@ssb/domain/phases';
import { isRequiredPhase } from '@ssb/domain/campaign-timetable';

export { PHASE_KEYS, isRequiredPhase, type PhaseKey };

export type Phase = { key: PhaseKey; startsAt: string; endsAt: string };
/** One row of the phase editor: "YYYY-MM-DD HH:mm:ss" in Beijing time, or '' when not set. */
export type PhaseDraft = { key: PhaseKey; start: string; end: string };

/** The picker's value format: a Beijing wall-clock time, no zone. */
export const PICKER_VALUE_FORMAT = WALL_CLOCK_FORMAT;
export const PICKER_DISPLAY_FORMAT = 'YYYY-MM-DD HH:mm';

/** "2027-04-08 23:59:59" (Beijing) → "2027-04-08T23:59:59+08:00"; null when not a wall-clock time. */
export const beijingToIso = (wallClock: string): string | null => fromWallClock(wallClock);
/** Any ISO instant → its Beijing wall-clock time "YYYY-MM-DD HH:mm:ss" ('' when unreadable). */
export const isoToBeijing = (iso: string): string => toWallClock(iso);

/** The editor's seven rows, filled from a campaign's phases where it has them. */
export function toDrafts(phases: readonly Phase[] = []): PhaseDraft[] {
  return PHASE_KEYS.map((key) => {
    const phase = phases.find((p) => p.key === key);
    return { key, start: phase ? isoToBeijing(phase.startsAt) : '', end: phase ? isoToBeijing(phase.endsAt) : '' };
  });
}

export type PhaseError = 'required' | 'incomplete' | 'invalid' | 'endBeforeStart';

/**
 * The phases to send, or per-phase problems. Optional phases left blank are left out; the two the
 * server insists on (application, recommendation) must be set; every end is after its start.
 */
export function draftsToPhases(drafts: readonly PhaseDraft[]): { phases: Phase[]; errors: Partial<Record<PhaseKey, PhaseError>> } {
  const phases: Phase[] = [];
  const errors: Partial<Record<PhaseKey, PhaseError>> = {};
  for (const draft of drafts) {
    const start = draft.start?.trim() ?? '';
    const end = draft.end?.trim() ?? '';
    if (!start && !end) {
      if (isRequiredPhase(draft.key)) errors[draft.key] = 'required';
      continue;
    }
    if (!start || !end) {
      errors[draft.key] = 'incomplete';
      continue;
    }
    const startsAt = beijingToIso(start);
    const endsAt = beijingToIso(end);
    if (!startsAt || !endsAt) {
      errors[draft.key] = 'invalid';
      continue;
    }
    if (Date.parse(endsAt) <= Date.parse(startsAt)) {
      errors[draft.key] = 'endBeforeStart';
      continue;
    }
    phases.push({ key: draft.key, startsAt, endsAt });
  }
  return { phases, errors };
}
