import { computed, onBeforeUnmount, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { currentStage, type CampaignStage } from '@ssb/domain/campaign-timetable';
import type { Phase } from '#/utils/campaign-phases.ts';

/** "Now", refreshed every minute, and how a campaign's stage reads in the current language. */
export function useStageLabel() {
  const { t } = useI18n();
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 60_000);
  onBeforeUnmount(() => clearInterval(timer));
  const label = (stage: CampaignStage) => (stage.kind === 'phase' ? t(`phases.${stage.key}.name`) : t(`campaigns.stage.${stage.kind}`));
  const stageOf = (phases: readonly Phase[]) => currentStage(phases, now.value);
  return { now: computed(() => now.value), stageOf, label };
}
