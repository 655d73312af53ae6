import type { Role } from '@ssb/domain/roles';
import 'vue-router';

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string;
    /** Only signed-in users; others go to the login page and come back. */
    requiresAuth?: boolean;
    /** Only users holding one of these roles; others are told whose page it is. */
    roles?: Role[];
  }
}
