import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title shown in the browser tab. */
    titleKey?: string;
  }
}

/** Every page is its own chunk: the first visit downloads only the page it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../views/home/index.vue'), meta: { titleKey: 'nav.home' } },
  { path: '/about', name: 'about', component: () => import('../views/about/index.vue'), meta: { titleKey: 'nav.about' } },
  { path: '/login', name: 'login', component: () => import('../views/auth/login/index.vue'), meta: { titleKey: 'login.pageTitle' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/not-found/index.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];
