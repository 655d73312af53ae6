import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ExtensionRecord = { phase: 'application' | 'recommendation'; endsAt: string; reason: string };

/**
 * What the office set in this browser session: the server has no call to read quotas or extensions
 * back, so the page shows these next to the defaults and says where they come from.
 */
export const useCampaignChangesStore = defineStore('campaign-changes', () => {
  const quotas = ref<Record<string, number>>({});
  const extensions = ref<Record<string, ExtensionRecord[]>>({});
  const key = (campaignId: string, bodyId: string) => `${campaignId}:${bodyId}`;

  const quotaOf = (campaignId: string, bodyId: string) => quotas.value[key(campaignId, bodyId)];
  const extensionsOf = (campaignId: string, bodyId: string) => extensions.value[key(campaignId, bodyId)] ?? [];
  function recordQuota(campaignId: string, bodyId: string, quotaMax: number) {
    quotas.value[key(campaignId, bodyId)] = quotaMax;
  }
  function recordExtension(campaignId: string, bodyId: string, record: ExtensionRecord) {
    // The server keeps one extension per phase (a second one replaces the first); so does this list.
    extensions.value[key(campaignId, bodyId)] = [...extensionsOf(campaignId, bodyId).filter((e) => e.phase !== record.phase), record];
  }
  return { quotaOf, extensionsOf, recordQuota, recordExtension };
});
