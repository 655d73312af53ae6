import { phaseMessages } from '@ssb/domain/phases';
import { createI18n } from 'vue-i18n';
import { SERVER_MESSAGE_PARAMS, setServerMessageTranslator } from './server-messages.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'ssb.locale';

export const storedLocale = (): Locale => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN');

/** Simplified Chinese by default; each app adds its own messages on top of the shared ones. */
export function createAppI18n(appMessages: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> }) {
  const locale = storedLocale();
  document.documentElement.lang = locale;
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      // The phases' names come from @ssb/domain only, so the three apps never name them differently.
      'zh-CN': { ...zhCN, ...appMessages['zh-CN'], phases: phaseMessages('zh') },
      en: { ...en, ...appMessages.en, phases: phaseMessages('en') },
    },
  });
  // Every app's describeError() shows server messages in the interface language, by their catalogue key.
  setServerMessageTranslator((key) => (i18n.global.locale.value === 'en' ? i18n.global.t(`serverMessages.${key}`, SERVER_MESSAGE_PARAMS) : null));
  return i18n;
}

export function rememberLocale(locale: Locale) {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
