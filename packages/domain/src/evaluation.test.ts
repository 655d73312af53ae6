import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIMENSION_WEIGHTS, EVALUATION_DIMENSION_LABELS, EVALUATION_DIMENSIONS, EVALUATION_OUTCOMES, baseStatusAfterOutcome, correctionProblems,
  daysOpenInYear, meanScore, outcomeAtLeast, rectificationActionsFor, rectificationDeadline, reportActionsFor, reportState, roundActionsFor, weightedScore, weightsProblem,
} from './evaluation.ts';
import { ZDimensionWeights, ZOutcomeDecision } from './evaluation-input.ts';

const platform = { daysOpen: 250, eventsHeld: 4, peopleReached: 300, youngPeopleReached: 120, resourcesPublished: 3, resourcesShared: 1, newMediaItems: 2, fundingReceivedFen: 0, fundingSpentFen: 0 };

describe('evaluation rules', () => {
  it('names the programme’s six dimensions in Chinese and English', () => {
    expect(EVALUATION_DIMENSIONS.map((d) => EVALUATION_DIMENSION_LABELS[d].zh)).toEqual(['场馆设施', '展陈', '讲解员', '教育活动', '新媒体', '管理制度']);
    expect(EVALUATION_DIMENSIONS.every((d) => EVALUATION_DIMENSION_LABELS[d].en.length > 0)).toBe(true);
  });

  it('orders outcomes 优秀 > 合格 > 限期整改 > 不合格; no outcome meets no minimum', () => {
    expect(outcomeAtLeast('excellent', 'pass')).toBe(true);
    expect(outcomeAtLeast('pass', 'pass')).toBe(true);
    expect(outcomeAtLeast('rectify', 'pass')).toBe(false);
    expect(outcomeAtLeast('fail', 'rectify')).toBe(false);
    expect(outcomeAtLeast(null, 'fail')).toBe(false);
    for (const o of EVALUATION_OUTCOMES) expect(outcomeAtLeast(o, 'fail')).toBe(true);
  });

  it('weights add up to 100 and weight the score', () => {
    expect(weightsProblem(DEFAULT_DIMENSION_WEIGHTS)).toBeNull();
    expect(weightsProblem({ ...DEFAULT_DIMENSION_WEIGHTS, education: 30 })).toMatch('105');
    expect(ZDimensionWeights.safeParse({ ...DEFAULT_DIMENSION_WEIGHTS, guides: 0 }).success).toBe(false);
    const all80 = Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, 80]));
    expect(weightedScore(all80, DEFAULT_DIMENSION_WEIGHTS)).toBe(80);
    // education (25) at 100, the rest at 60: 60 + 0.25 × 40 = 70
    expect(weightedScore({ ...Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, 60])), education: 100 }, DEFAULT_DIMENSION_WEIGHTS)).toBe(70);
    expect(weightedScore({ facilities: 90 }, DEFAULT_DIMENSION_WEIGHTS)).toBeNull();
    expect(meanScore([80, null, 71])).toBe(75.5);
    expect(meanScore([null])).toBeNull();
  });

  it('a corrected figure needs a reason; an unchanged one does not', () => {
    expect(correctionProblems({ eventsHeld: { value: 4, reason: null } }, platform)).toEqual([]);
    expect(correctionProblems({ eventsHeld: { value: 6, reason: '' } }, platform)[0]).toMatchObject({ figure: 'eventsHeld' });
    expect(correctionProblems({ eventsHeld: { value: 6, reason: '两场校外活动未在平台发布' } }, platform)).toEqual([]);
    expect(correctionProblems({ youngPeopleReached: { value: 400, reason: '含线上直播观众人数' } }, platform)[0]).toMatchObject({ figure: 'youngPeopleReached' });
  });

  it('counts days open from the weekly opening hours', () => {
    // 2023 starts on a Sunday: 53 Sundays, 52 of every other weekday.
    expect(daysOpenInYear([{ weekday: 7, opens: '09:00', closes: '17:00' }], 2023)).toBe(53);
    expect(daysOpenInYear([2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' })).concat([{ weekday: 2, opens: '13:00', closes: '17:00' }]), 2023)).toBe(260);
    expect(daysOpenInYear([], 2024)).toBe(0);
  });

  it('turns outcomes into register moves', () => {
    expect(baseStatusAfterOutcome('rectify', 'active')).toBe('rectification');
    expect(baseStatusAfterOutcome('fail', 'active')).toBe('revoked');
    expect(baseStatusAfterOutcome('pass', 'rectification')).toBe('active');
    expect(baseStatusAfterOutcome('excellent', 'active')).toBeNull();
  });

  it('gives each viewer its own moves', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const round = { status: 'open' as const, reportDueAt: new Date('2026-03-31T16:00:00Z') };
    expect(reportActionsFor({ status: 'draft' }, round, { isManager: true, isOffice: false }, now)).toEqual(['saveReport', 'submitReport']);
    expect(reportActionsFor({ status: 'draft' }, round, { isManager: false, isOffice: true }, now)).toEqual([]);
    expect(reportActionsFor({ status: 'draft' }, round, { isManager: true, isOffice: false }, new Date('2026-04-01T00:00:00Z'))).toEqual([]);
    expect(reportActionsFor({ status: 'submitted' }, round, { isManager: true, isOffice: false }, now)).toEqual([]);
    expect(reportState(null, round.reportDueAt, now)).toBe('missing');
    expect(reportState(null, round.reportDueAt, new Date('2026-04-01T00:00:00Z'))).toBe('overdue');
    expect(roundActionsFor({ status: 'open' }, { isOffice: true, isManager: false })).toEqual(['closeReporting', 'assign']);
    expect(roundActionsFor({ status: 'reviewing' }, { isOffice: false, isManager: true })).toEqual([]);
    const rect = { status: 'open' as const, deadline: '2026-06-30' };
    expect(rectificationActionsFor(rect, { isManager: true, isOffice: false }, '2026-06-30')).toEqual(['answerRectification']);
    expect(rectificationActionsFor(rect, { isManager: false, isOffice: true }, '2026-06-30')).toEqual([]);
    expect(rectificationActionsFor(rect, { isManager: false, isOffice: true }, '2026-07-01')).toEqual(['recheckPass', 'recheckFail']);
    expect(rectificationActionsFor({ ...rect, status: 'answered' }, { isManager: true, isOffice: true }, '2026-06-01')).toEqual(['recheckPass', 'recheckFail']);
  });

  it('asks for points to fix and a reason for a fail', () => {
    const baseId = '00000000-0000-4000-8000-000000000001';
    expect(ZOutcomeDecision.safeParse({ baseId, outcome: 'rectify' }).success).toBe(false);
    expect(ZOutcomeDecision.safeParse({ baseId, outcome: 'rectify', points: ['讲解员配备不足'] }).success).toBe(true);
    expect(ZOutcomeDecision.safeParse({ baseId, outcome: 'fail' }).success).toBe(false);
    expect(rectificationDeadline('2026-08-31')).toBe('2027-02-28');
    expect(rectificationDeadline('2026-01-15', 6)).toBe('2026-07-15');
  });
});
