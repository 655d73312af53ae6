import { PHASE_KEYS, type PhaseKey } from './phases.ts';

/**
 * A campaign's timetable read at a moment: where each phase stands, where the whole campaign stands,
 * and which campaign is "the current one". One definition, used by the server (`campaigns.current`),
 * the portal, the platform's home page and the office's campaign pages.
 */

/** The phases every campaign must set; they are also the two whose deadline the office can extend. */
export const REQUIRED_PHASES = ['application', 'recommendation'] as const satisfies readonly PhaseKey[];
export type DeadlinePhase = (typeof REQUIRED_PHASES)[number];
export const isRequiredPhase = (key: PhaseKey): key is DeadlinePhase => (REQUIRED_PHASES as readonly PhaseKey[]).includes(key);

export type PhaseStatus = 'upcoming' | 'open' | 'closed';
type Instant = string | Date;
type TimedPhase = { startsAt: Instant; endsAt: Instant };
type KeyedPhase = TimedPhase & { key: PhaseKey };

const time = (value: Instant) => (typeof value === 'string' ? Date.parse(value) : value.getTime());
const at = (now: Date | number) => (typeof now === 'number' ? now : now.getTime());

/** Whether a phase has not begun, is running, or is over at `now` (both bounds inclusive). */
export function phaseStatus(phase: TimedPhase, now: Date | number = Date.now()): PhaseStatus {
  const moment = at(now);
  if (moment < time(phase.startsAt)) return 'upcoming';
  if (moment > time(phase.endsAt)) return 'closed';
  return 'open';
}

/** Phases in timetable order: by start, then in the notice's order when two start together. */
export function orderedPhases<P extends { key: PhaseKey; startsAt: Instant }>(phases: readonly P[]): P[] {
  return [...phases].sort((a, b) => time(a.startsAt) - time(b.startsAt) || PHASE_KEYS.indexOf(a.key) - PHASE_KEYS.indexOf(b.key));
}

export function findPhase<P extends { key: PhaseKey }>(phases: readonly P[] | undefined | null, key: PhaseKey): P | null {
  return phases?.find((p) => p.key === key) ?? null;
}

/** The phases running at `now`, in timetable order. */
export function openPhases<P extends KeyedPhase>(phases: readonly P[], now: Date | number = Date.now()): P[] {
  return orderedPhases(phases).filter((p) => phaseStatus(p, now) === 'open');
}

/** From the first phase's start to the last phase's end; null without phases. */
export function campaignSpan(phases: readonly TimedPhase[]): { startsAt: Date; endsAt: Date } | null {
  if (phases.length === 0) return null;
  return {
    startsAt: new Date(Math.min(...phases.map((p) => time(p.startsAt)))),
    endsAt: new Date(Math.max(...phases.map((p) => time(p.endsAt)))),
  };
}

/** Where the whole campaign stands: before its first phase, running, or after its last. */
export function campaignStatus(phases: readonly TimedPhase[], now: Date | number = Date.now()): PhaseStatus {
  const span = campaignSpan(phases);
  return span ? phaseStatus(span, now) : 'upcoming';
}

export type CampaignStage = { kind: 'phase'; key: PhaseKey } | { kind: 'notStarted' | 'ended' | 'between' | 'none' };

/** Where a campaign stands at `now`: inside a phase (the notice's earliest if several overlap), before, between or after. */
export function currentStage(phases: readonly KeyedPhase[], now: Date | number = Date.now()): CampaignStage {
  if (phases.length === 0) return { kind: 'none' };
  const open = phases.filter((p) => phaseStatus(p, now) === 'open').sort((a, b) => PHASE_KEYS.indexOf(a.key) - PHASE_KEYS.indexOf(b.key));
  if (open[0]) return { kind: 'phase', key: open[0].key };
  if (phases.every((p) => phaseStatus(p, now) === 'upcoming')) return { kind: 'notStarted' };
  if (phases.every((p) => phaseStatus(p, now) === 'closed')) return { kind: 'ended' };
  return { kind: 'between' };
}

type CampaignLike = { year: number; isDemo?: boolean; phases: readonly TimedPhase[] };

/**
 * The campaign people are working in and the public is shown first: one under way now (a real one
 * before a demo one, then the newest year), else the next to open, else the newest year.
 */
export function currentCampaign<T extends CampaignLike>(campaigns: readonly T[] | undefined | null, now: Date | number = Date.now()): T | null {
  const all = campaigns ?? [];
  const newestFirst = (a: T, b: T) => b.year - a.year;
  const withSpan = all.flatMap((campaign) => {
    const span = campaignSpan(campaign.phases);
    return span ? [{ campaign, span }] : [];
  });
  const running = withSpan
    .filter(({ span }) => phaseStatus(span, now) === 'open')
    .map(({ campaign }) => campaign)
    .sort((a, b) => Number(a.isDemo ?? false) - Number(b.isDemo ?? false) || newestFirst(a, b));
  if (running[0]) return running[0];
  const upcoming = withSpan.filter(({ span }) => phaseStatus(span, now) === 'upcoming').sort((a, b) => a.span.startsAt.getTime() - b.span.startsAt.getTime());
  if (upcoming[0]) return upcoming[0].campaign;
  return [...all].sort(newestFirst)[0] ?? null;
}

export const TIMETABLE_MESSAGES = {
  endBeforeStart: '每个阶段的结束时间须晚于开始时间',
  requiredMissing: '须设置申报和推荐两个阶段',
} as const;

/** What is wrong with a campaign's phases as the office set them, in the office's words; [] when fine. */
export function timetableProblems(phases: readonly KeyedPhase[]): string[] {
  const problems: string[] = [];
  if (phases.some((p) => time(p.endsAt) <= time(p.startsAt))) problems.push(TIMETABLE_MESSAGES.endBeforeStart);
  const keys = new Set(phases.map((p) => p.key));
  if (REQUIRED_PHASES.some((key) => !keys.has(key))) problems.push(TIMETABLE_MESSAGES.requiredMissing);
  return problems;
}
