export { trpc, describeError, isUnauthorized, type FieldErrors } from './trpc.ts';
export { useSessionStore, type Me } from './session.ts';
export { installQuery } from './query.ts';
export { createAppI18n, rememberLocale, storedLocale, type Locale } from './i18n.ts';
export { serverMessageKey, translateServerMessage, SERVER_MESSAGE_KEYS, SERVER_MESSAGE_PARAMS } from './server-messages.ts';
export { default as LoginForm } from './components/login-form.vue';
export { default as AppHeader, type NavItem } from './components/app-header.vue';
export { default as CountFilterBar } from './components/count-filter-bar.vue';
