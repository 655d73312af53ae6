/**
 * Balanced automatic assignment, as a pure function so it can be previewed and tested: each
 * nomination gets experts up to N; among eligible experts, those with the fewest assignments so far
 * (this round, counting the plan itself) go first, ties broken by name then id, so the same state
 * always gives the same plan. The most constrained nominations are served first.
 */
export type PlanNomination = { id: string; assignedExpertIds: string[]; excludedExpertIds: string[] };
export type PlanExpert = { id: string; name: string; load: number };
export type PlannedAssignment = { applicationId: string; expertUserId: string };
export type PlanShortfall = { applicationId: string; missing: number };

export function planBalancedAssignment(input: { nominations: PlanNomination[]; experts: PlanExpert[]; perApplication: number }) {
  const load = new Map(input.experts.map((e) => [e.id, e.load]));
  const byLoad = (a: PlanExpert, b: PlanExpert) => load.get(a.id)! - load.get(b.id)! || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);
  const eligibleFor = (n: PlanNomination) => input.experts.filter((e) => !n.assignedExpertIds.includes(e.id) && !n.excludedExpertIds.includes(e.id));
  const order = [...input.nominations].sort((a, b) => eligibleFor(a).length - eligibleFor(b).length || a.id.localeCompare(b.id));

  const additions: PlannedAssignment[] = [];
  const shortfalls: PlanShortfall[] = [];
  for (const nomination of order) {
    const needed = input.perApplication - nomination.assignedExpertIds.length;
    if (needed <= 0) continue;
    const chosen = eligibleFor(nomination).sort(byLoad).slice(0, needed);
    for (const expert of chosen) {
      additions.push({ applicationId: nomination.id, expertUserId: expert.id });
      load.set(expert.id, load.get(expert.id)! + 1);
    }
    if (chosen.length < needed) shortfalls.push({ applicationId: nomination.id, missing: needed - chosen.length });
  }
  return { additions, shortfalls };
}
