import { describe, expect, it } from 'vitest';
import { ZAllianceFields, ZAllianceRequestDecision } from './alliance-input.ts';
import { allianceMemberActionsFor, allianceProposalActionsFor } from './alliances.ts';

const uuid = '00000000-0000-4000-8000-000000000001';

describe('alliance moves', () => {
  it('gives the coordinator the decision on a request and the unit the answer to an invitation', () => {
    expect(allianceMemberActionsFor({ status: 'requested', role: 'member' }, { isCoordinator: true, managesUnit: false })).toEqual(['approve', 'refuse']);
    expect(allianceMemberActionsFor({ status: 'invited', role: 'member' }, { isCoordinator: true, managesUnit: true })).toEqual(['accept', 'decline']);
    expect(allianceMemberActionsFor({ status: 'active', role: 'member' }, { isCoordinator: true, managesUnit: true })).toEqual(['leave', 'remove']);
  });

  it('keeps the lead until it hands over, and nothing moves before approval', () => {
    expect(allianceMemberActionsFor({ status: 'active', role: 'lead' }, { isCoordinator: true, managesUnit: true })).toEqual([]);
    expect(allianceMemberActionsFor({ status: 'requested', role: 'member' }, { isCoordinator: true, managesUnit: true }, 'submitted')).toEqual([]);
  });

  it('lets only the office decide a submitted proposal and only the proposer resubmit a returned one', () => {
    expect(allianceProposalActionsFor('submitted', { isOffice: true })).toEqual(['approve', 'return']);
    expect(allianceProposalActionsFor('submitted', { isProposer: true })).toEqual([]);
    expect(allianceProposalActionsFor('returned', { isProposer: true })).toEqual(['resubmit']);
  });
});

describe('alliance inputs', () => {
  const proposal = { name: '海淀区科学家精神教育基地联盟', kind: 'regional', districtCodes: ['110108'], charterHtml: '<p>共建共享</p>', leadBaseId: uuid };
  it('asks a regional alliance for a district and a thematic one for a theme', () => {
    expect(ZAllianceFields.safeParse(proposal).success).toBe(true);
    expect(ZAllianceFields.safeParse({ ...proposal, districtCodes: [] }).error?.issues[0]).toMatchObject({ path: ['districtCodes'], message: '区域联盟至少选择一个区' });
    expect(ZAllianceFields.safeParse({ ...proposal, kind: 'thematic', theme: '' }).error?.issues[0]?.path).toEqual(['theme']);
  });
  it('needs a reason to refuse', () => {
    expect(ZAllianceRequestDecision.safeParse({ allianceId: uuid, memberId: uuid, approve: false }).error?.issues[0]?.message).toBe('不同意时请说明理由');
    expect(ZAllianceRequestDecision.safeParse({ allianceId: uuid, memberId: uuid, approve: true }).success).toBe(true);
  });
});
