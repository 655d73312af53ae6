import type { RouteRecordRaw } from 'vue-router';

/** Outside the layout: sign-in and the no-access page. */
export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('#/views/auth/login/index.vue'),
    meta: { public: true, titleKey: 'common.login' },
  },
  {
    path: '/no-access',
    name: 'no-access',
    component: () => import('#/views/auth/no-access/index.vue'),
    meta: { anyRole: true, titleKey: 'noAccess.title' },
  },
];

/** In the layout, first: the home page. */
export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('#/views/home/index.vue'),
    meta: { titleKey: 'menu.home', menu: { order: 1, icon: 'home' } },
  },
];

/** In the layout, last: messages and the forbidden page. */
export const commonRoutes: RouteRecordRaw[] = [
  {
    path: 'messages',
    name: 'messages',
    component: () => import('#/views/messages/index.vue'),
    meta: { titleKey: 'messages.title' },
  },
  {
    path: 'forbidden',
    name: 'forbidden',
    component: () => import('#/views/fallback/forbidden/index.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
];

/** Outside the layout, matched last: not found. */
export const fallbackRoutes: RouteRecordRaw[] = [
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('#/views/fallback/not-found/index.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
];
