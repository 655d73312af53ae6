import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBalancedAssignment } from './plan-assignment.ts';

const experts = (n: number, load = 0) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `专家${i}`, load }));

describe('balanced automatic assignment', () => {
  it('gives each nomination N experts, fewest-loaded first, and never an excluded one', () => {
    const plan = planBalancedAssignment({
      perApplication: 2,
      experts: [{ id: 'a', name: '甲', load: 3 }, { id: 'b', name: '乙', load: 0 }, { id: 'c', name: '丙', load: 0 }],
      nominations: [{ id: 'n1', assignedExpertIds: [], excludedExpertIds: ['b'] }],
    });
    expect(plan.additions).toEqual([
      { applicationId: 'n1', expertUserId: 'c' },
      { applicationId: 'n1', expertUserId: 'a' },
    ]);
    expect(plan.shortfalls).toEqual([]);
  });

  it('tops up nominations that already have experts and reports those it cannot fill', () => {
    const plan = planBalancedAssignment({
      perApplication: 3,
      experts: experts(3),
      nominations: [
        { id: 'n1', assignedExpertIds: ['e0'], excludedExpertIds: [] },
        { id: 'n2', assignedExpertIds: [], excludedExpertIds: ['e1', 'e2'] },
      ],
    });
    expect(plan.additions.filter((a) => a.applicationId === 'n1').map((a) => a.expertUserId).sort()).toEqual(['e1', 'e2']);
    expect(plan.shortfalls).toEqual([{ applicationId: 'n2', missing: 2 }]);
  });

  it('keeps loads within one of each other, and gives the same plan for the same input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 3 }), (expertCount, nominationCount, perApplication) => {
        const input = { perApplication, experts: experts(expertCount), nominations: Array.from({ length: nominationCount }, (_, i) => ({ id: `n${String(i).padStart(2, '0')}`, assignedExpertIds: [], excludedExpertIds: [] })) };
        const plan = planBalancedAssignment(input);
        expect(plan.additions).toHaveLength(nominationCount * perApplication);
        const loads = input.experts.map((e) => plan.additions.filter((a) => a.expertUserId === e.id).length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        expect(planBalancedAssignment(input)).toEqual(plan);
        for (const n of input.nominations) expect(new Set(plan.additions.filter((a) => a.applicationId === n.id).map((a) => a.expertUserId)).size).toBe(perApplication);
      }),
    );
  });
});
