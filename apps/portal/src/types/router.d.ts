import 'vue-router';

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** Only signed-in users; others go to the login page and come back. */
    requiresAuth?: boolean;
  }
}
