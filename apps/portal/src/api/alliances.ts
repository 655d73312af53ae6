import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';

export type MyAlliances = RouterOutputs['alliances']['mine'];
export type MyAlliance = MyAlliances['alliances'][number];
export type CoordinatedAlliance = RouterOutputs['alliances']['manage'];
export type AllianceProposalInput = RouterInputs['alliances']['propose'];

const userKey = () => {
  const session = useSessionStore();
  return computed(() => session.me?.id ?? null);
};

export function useMyAlliances() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['alliances', 'mine', user.value]), queryFn: () => trpc.alliances.mine.query() });
}

export function useCoordinatedAlliances() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['alliances', 'coordinated', user.value]), queryFn: () => trpc.alliances.coordinated.query() });
}

export function useCoordinatedAlliance(allianceId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['alliances', 'manage', user.value, toValue(allianceId)]),
    queryFn: () => trpc.alliances.manage.query({ allianceId: toValue(allianceId)! }),
    enabled: computed(() => Boolean(toValue(allianceId))),
  });
}

export const useDistricts = () => useQuery({ queryKey: ['reference', 'districts'], queryFn: () => trpc.reference.districts.query(), staleTime: Infinity });
export const usePublicAlliances = () => useQuery({ queryKey: ['alliances', 'public'], queryFn: () => trpc.alliances.list.query() });

export const alliancesApi = {
  propose: (input: RouterInputs['alliances']['propose']) => trpc.alliances.propose.mutate(input),
  resubmit: (input: RouterInputs['alliances']['resubmit']) => trpc.alliances.resubmit.mutate(input),
  answerFounding: (input: RouterInputs['alliances']['answerFounding']) => trpc.alliances.answerFounding.mutate(input),
  requestJoin: (input: RouterInputs['alliances']['requestJoin']) => trpc.alliances.requestJoin.mutate(input),
  answerInvitation: (input: RouterInputs['alliances']['answerInvitation']) => trpc.alliances.answerInvitation.mutate(input),
  leave: (input: RouterInputs['alliances']['leave']) => trpc.alliances.leave.mutate(input),
  invite: (input: RouterInputs['alliances']['invite']) => trpc.alliances.invite.mutate(input),
  decideRequest: (input: RouterInputs['alliances']['decideRequest']) => trpc.alliances.decideRequest.mutate(input),
  removeMember: (input: RouterInputs['alliances']['removeMember']) => trpc.alliances.removeMember.mutate(input),
  handOver: (input: RouterInputs['alliances']['handOver']) => trpc.alliances.handOver.mutate(input),
  saveCharter: (input: RouterInputs['alliances']['saveCharter']) => trpc.alliances.saveCharter.mutate(input),
  answerUnitInvitation: (input: RouterInputs['alliances']['answerUnitInvitation']) => trpc.alliances.answerUnitInvitation.mutate(input),
};

/** Invitations to the caller's units that are not named bases (mentored units), answered by their applicant accounts. */
export function useUnitInvitations() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['alliances', 'unit-invitations', user.value]), queryFn: () => trpc.alliances.unitInvitations.query() });
}
