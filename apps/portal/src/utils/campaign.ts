import { PHASE_KEYS } from '@ssb/domain/phases';
import type { RouterOutputs } from '@ssb/api';

export type Campaign = RouterOutputs['reference']['campaigns'][number];
export type CampaignPhase = Campaign['phases'][number];
export type PhaseKey = CampaignPhase['key'];
export type PhaseStatus = 'upcoming' | 'open' | 'closed';

/** The order the notice lists the phases in; used when two phases start together. */
export const PHASE_ORDER: readonly PhaseKey[] = PHASE_KEYS;

const time = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value).getTime();

/** Whether a phase has not begun, is running, or is over at `now` (bounds inclusive). */
export function phaseStatus(phase: { startsAt: string | Date; endsAt: string | Date }, now: Date = new Date()): PhaseStatus {
  const at = now.getTime();
  if (at < time(phase.startsAt)) return 'upcoming';
  if (at > time(phase.endsAt)) return 'closed';
  return 'open';
}

/** The campaign of the latest year, or null when none has been published. */
export function latestCampaign<T extends { year: number }>(campaigns: readonly T[] | undefined | null): T | null {
  if (!campaigns?.length) return null;
  return campaigns.reduce((latest, c) => (c.year > latest.year ? c : latest));
}

/** Phases in timetable order: by start, then by the notice's order. */
export function orderedPhases<P extends Pick<CampaignPhase, 'key' | 'startsAt'>>(phases: readonly P[]): P[] {
  return [...phases].sort(
    (a, b) => time(a.startsAt) - time(b.startsAt) || PHASE_ORDER.indexOf(a.key) - PHASE_ORDER.indexOf(b.key),
  );
}

export function findPhase<P extends Pick<CampaignPhase, 'key'>>(phases: readonly P[] | undefined, key: PhaseKey): P | null {
  return phases?.find((p) => p.key === key) ?? null;
}

/** The phases running at `now`, in timetable order. */
export function openPhases<P extends CampaignPhase>(phases: readonly P[], now: Date = new Date()): P[] {
  return orderedPhases(phases).filter((p) => phaseStatus(p, now) === 'open');
}

/** Where the whole campaign stands: before its first phase, running, or after its last. */
export function campaignStatus(phases: readonly CampaignPhase[], now: Date = new Date()): PhaseStatus {
  if (phases.length === 0) return 'upcoming';
  const starts = Math.min(...phases.map((p) => time(p.startsAt)));
  const ends = Math.max(...phases.map((p) => time(p.endsAt)));
  return phaseStatus({ startsAt: new Date(starts), endsAt: new Date(ends) }, now);
}
