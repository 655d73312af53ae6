export type PhaseStatus = 'done' | 'active' | 'upcoming';

/** Where a phase stands at `now`: closed, running, or still to come. */
export function phaseStatus(phase: { startsAt: string; endsAt: string }, now: number = Date.now()): PhaseStatus {
  if (now > Date.parse(phase.endsAt)) return 'done';
  if (now >= Date.parse(phase.startsAt)) return 'active';
  return 'upcoming';
}

type CampaignLike = { year: number; isDemo?: boolean; phases: ReadonlyArray<{ startsAt: string; endsAt: string }> };

const span = (c: CampaignLike) => ({
  start: Math.min(...c.phases.map((p) => Date.parse(p.startsAt))),
  end: Math.max(...c.phases.map((p) => Date.parse(p.endsAt))),
});

/**
 * The campaign to show the public first: one under way now (a real one before a demo one), else
 * the next to open, else the latest year.
 */
export function currentCampaign<T extends CampaignLike>(campaigns: readonly T[] | undefined, now: number = Date.now()): T | null {
  const withPhases = (campaigns ?? []).filter((c) => c.phases.length > 0);
  if (withPhases.length === 0) return campaigns?.[0] ?? null;
  const byPreference = (a: T, b: T) => Number(a.isDemo ?? false) - Number(b.isDemo ?? false) || b.year - a.year;
  const running = withPhases.filter((c) => span(c).start <= now && now <= span(c).end).sort(byPreference);
  if (running[0]) return running[0];
  const upcoming = withPhases.filter((c) => span(c).start > now).sort((a, b) => span(a).start - span(b).start);
  if (upcoming[0]) return upcoming[0];
  return [...withPhases].sort((a, b) => b.year - a.year)[0]!;
}
