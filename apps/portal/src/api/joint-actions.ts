import type { RouterInputs, RouterOutputs } from '@ssb/api';
import { trpc, useSessionStore } from '@ssb/ui';
import { useQuery } from '@tanstack/vue-query';
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { EditableEvent } from './events.ts';

/** Themed campaigns an event may join, co-hosting, and the alliance coordinator's joint actions. */
export type ActivityCampaignChoice = RouterOutputs['activityCampaigns']['list'][number];
export type JointActions = RouterOutputs['alliances']['jointActions'];
export type MyCohosting = RouterOutputs['events']['cohosting'][number];
export type EventCohost = RouterOutputs['events']['cohosts'][number];

const userKey = () => {
  const session = useSessionStore();
  return computed(() => session.me?.id ?? null);
};

export const useActivityCampaignChoices = () => useQuery({ queryKey: ['activity-campaigns', 'list'], queryFn: () => trpc.activityCampaigns.list.query(), staleTime: 60_000 });
export const joinCampaign = (input: RouterInputs['events']['joinCampaign']) => trpc.events.joinCampaign.mutate(input);

export function useJointActions(allianceId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'joint-actions', user.value, toValue(allianceId)]),
    queryFn: () => trpc.alliances.jointActions.query({ allianceId: toValue(allianceId)! }),
    enabled: computed(() => Boolean(toValue(allianceId))),
    refetchOnWindowFocus: false,
  });
}

/** One joint action for the editor, shaped as the base manager's editable event (the lead base hosts it). */
export function useJointAction(allianceId: MaybeRefOrGetter<string | null>, eventId: MaybeRefOrGetter<string | null>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'joint-action', user.value, toValue(allianceId), toValue(eventId)]),
    queryFn: async (): Promise<EditableEvent & { cohosts: JointActions['items'][number]['cohosts'] }> => {
      const list = await trpc.alliances.jointActions.query({ allianceId: toValue(allianceId)! });
      const item = list.items.find((e) => e.id === toValue(eventId));
      if (!item) throw new Error('未找到该联合行动');
      return { ...item, baseName: list.lead.name };
    },
    enabled: computed(() => Boolean(toValue(allianceId) && toValue(eventId))),
    refetchOnWindowFocus: false,
  });
}
export const createJointAction = (input: RouterInputs['alliances']['createJointAction']) => trpc.alliances.createJointAction.mutate(input);
export const updateJointAction = (input: RouterInputs['alliances']['updateJointAction']) => trpc.alliances.updateJointAction.mutate(input);
export const moveJointAction = (input: RouterInputs['alliances']['moveJointAction']) => trpc.alliances.moveJointAction.mutate(input);
export const setJointActionCampaign = (input: RouterInputs['alliances']['setJointActionCampaign']) => trpc.alliances.setJointActionCampaign.mutate(input);
export const inviteJointActionCohost = (input: RouterInputs['alliances']['inviteJointActionCohost']) => trpc.alliances.inviteJointActionCohost.mutate(input);

export function useMyCohostings() {
  const user = userKey();
  return useQuery({ queryKey: computed(() => ['events', 'cohosting', user.value]), queryFn: () => trpc.events.cohosting.query() });
}
export const respondCohost = (input: RouterInputs['events']['respondCohost']) => trpc.events.respondCohost.mutate(input);
export const fileCohostReportPart = (input: RouterInputs['eventReports']['fileCohostPart']) => trpc.eventReports.fileCohostPart.mutate(input);
export const updateCohostPart = (input: RouterInputs['events']['updateCohostPart']) => trpc.events.updateCohostPart.mutate(input);

export function useEventCohosts(eventId: MaybeRefOrGetter<string | null>, enabled: MaybeRefOrGetter<boolean> = true) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'cohosts', user.value, toValue(eventId)]),
    queryFn: () => trpc.events.cohosts.query({ eventId: toValue(eventId)! }),
    enabled: computed(() => Boolean(toValue(eventId)) && toValue(enabled)),
  });
}
export const inviteCohost = (input: RouterInputs['events']['inviteCohost']) => trpc.events.inviteCohost.mutate(input);

/**
 * Bases an event may still invite as co-hosts, searched on the server by name or register number, one page
 * at a time: every active named base for a base's own event, the alliance's member bases for a joint action.
 */
export function useCohostCandidates(target: MaybeRefOrGetter<{ eventId: string; allianceId: string | null }>, search: MaybeRefOrGetter<{ q: string; page: number }>) {
  const user = userKey();
  return useQuery({
    queryKey: computed(() => ['events', 'cohost-candidates', user.value, toValue(target), toValue(search)]),
    queryFn: () => {
      const { eventId, allianceId } = toValue(target);
      const { q, page } = toValue(search);
      return allianceId
        ? trpc.alliances.jointActionCohostCandidates.query({ allianceId, eventId, q, page, pageSize: COHOST_PAGE_SIZE })
        : trpc.events.cohostCandidates.query({ eventId, q, page, pageSize: COHOST_PAGE_SIZE });
    },
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}
export const COHOST_PAGE_SIZE = 20;
