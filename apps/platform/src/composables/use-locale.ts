import type { Locale } from '@ssb/ui/i18n';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** The current locale narrowed to the two the platform speaks. */
export function useLocale() {
  const { locale } = useI18n();
  return computed<Locale>(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
}
