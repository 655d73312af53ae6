import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { ORGANIZATION_TYPE_LABELS, RECOMMENDER_KIND_LABELS, type OrganizationType, type RecommenderKind } from '@ssb/domain/organizations';
import { formatBeijingDateTime } from '@ssb/domain/time';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeError } from '@ssb/ui';
import { SERVER_MESSAGE_PARAMS, serverMessageKey } from '#/locales/server-messages.ts';

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
    message: (text: string, sentKey?: string | null) => {
      if (!isEnglish.value) return text;
      const key = serverMessageKey(text, sentKey);
      return key ? t(`portal.serverMessages.${key}`, SERVER_MESSAGE_PARAMS) : text;
    },
    /** A failed request's message in the interface language, by the key the server sent with it. */
    errorMessage: (error: unknown) => {
      const described = describeError(error);
      if (!isEnglish.value) return described.message;
      const key = serverMessageKey(described.message, described.messageKey);
      return key ? t(`portal.serverMessages.${key}`, SERVER_MESSAGE_PARAMS) : described.message;
    },
  };
}
