import type { RouteRecordRaw } from 'vue-router';

/** Pages anyone may open: signing in, registering, and the links sent by email. */
export const coreRoutes: RouteRecordRaw[] = [
  { path: 'login', name: 'login', component: () => import('#/views/auth/login/index.vue'), meta: { title: 'portal.login.pageTitle' } },
  { path: 'register', name: 'register', component: () => import('#/views/auth/register/index.vue'), meta: { title: 'portal.register.title' } },
  {
    path: 'forgot-password',
    name: 'forgot-password',
    component: () => import('#/views/auth/forgot-password/index.vue'),
    meta: { title: 'portal.forgot.title' },
  },
  {
    path: 'reset-password',
    name: 'reset-password',
    component: () => import('#/views/auth/reset-password/index.vue'),
    meta: { title: 'portal.reset.title' },
  },
  {
    path: 'accept-invitation',
    name: 'accept-invitation',
    component: () => import('#/views/auth/accept-invitation/index.vue'),
    meta: { title: 'portal.invitation.title' },
  },
];

export const fallbackRoutes: RouteRecordRaw[] = [
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('#/views/fallback/not-found/index.vue'),
    meta: { title: 'portal.notFound.title' },
  },
];
