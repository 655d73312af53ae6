import type { FormField } from '@ssb/domain/application-form';
import { computed, type Ref } from 'vue';
import { useDisplay } from '#/composables/use-display.ts';
import { serverMessageKey } from '@ssb/ui';
import { englishRuleMessage, labelMap } from '#/utils/rule-messages.ts';

/** A message of the shared form rules in the interface language. */
export function useRuleMessage(fields: Ref<readonly FormField[]>) {
  const { t, isEnglish, message } = useDisplay();
  const labels = computed(() => labelMap(fields.value));
  return (text: string) => {
    if (!isEnglish.value || !text) return text;
    if (serverMessageKey(text)) return message(text);
    return englishRuleMessage(text, labels.value, (key, params) => t(key, params)) ?? text;
  };
}
