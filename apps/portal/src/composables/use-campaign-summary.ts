import { computed, type Ref } from 'vue';
import { useDisplay } from '#/composables/use-display.ts';
import { campaignStatus, openPhases, orderedPhases } from '@ssb/domain/campaign-timetable';
import type { Campaign } from '#/utils/campaign.ts';

/** One sentence on where the campaign stands now, e.g. which phases are running. */
export function useCampaignSummary(campaign: Ref<Campaign | null>, now: Ref<Date>) {
  const { t, dateTime } = useDisplay();
  return computed(() => {
    const c = campaign.value;
    if (!c) return '';
    const status = campaignStatus(c.phases, now.value);
    const phases = orderedPhases(c.phases);
    if (status === 'upcoming' && phases[0]) return t('portal.campaign.summaryUpcoming', { start: dateTime(phases[0].startsAt) });
    if (status === 'closed') {
      const last = phases.reduce((a, b) => (new Date(b.endsAt) > new Date(a.endsAt) ? b : a));
      return t('portal.campaign.summaryClosed', { end: dateTime(last.endsAt) });
    }
    const running = openPhases(c.phases, now.value).map((p) => t(`phases.${p.key}.name`));
    if (running.length === 0) return t('portal.campaign.summaryBetween');
    return t('portal.campaign.summaryOpen', { phases: running.join(t('portal.listSeparator')) });
  });
}
