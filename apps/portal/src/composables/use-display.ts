import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { ORGANIZATION_TYPE_LABELS, RECOMMENDER_KIND_LABELS, type OrganizationType, type RecommenderKind } from '@ssb/domain/organizations';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeError, translateServerMessage } from '@ssb/ui';

/** Labels and dates in the interface language; Chinese labels come straight from the shared domain. */
export function useDisplay() {
  const { t, locale } = useI18n();
  const isEnglish = computed(() => locale.value === 'en');

  return {
    t,
    locale,
    isEnglish,
    dateTime: (value: string | Date) => formatBeijingDateTime(value, isEnglish.value ? 'en' : 'zh-CN'),
    organizationType: (type: string) =>
      isEnglish.value ? t(`portal.organizationTypes.${type}`) : (ORGANIZATION_TYPE_LABELS[type as OrganizationType] ?? type),
    recommenderKind: (kind: string) =>
      isEnglish.value ? t(`portal.recommenderKinds.${kind}`) : (RECOMMENDER_KIND_LABELS[kind as RecommenderKind] ?? kind),
    district: (code: string) => {
      const district = BEIJING_DISTRICTS.find((d) => d.code === code);
      if (!district) return code;
      return isEnglish.value ? district.nameEn : district.name;
    },
    role: (role: string) => t(`roles.${role}`),
    /** A message from the shared rules or the server, in the interface language when we know it. */
    message: (text: string, sentKey?: string | null) => translateServerMessage(text, sentKey),
    /** A failed request's message in the interface language (describeError translates it by the key the server sent). */
    errorMessage: (error: unknown) => describeError(error).message,
  };
}
