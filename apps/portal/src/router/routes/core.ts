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
  { path: 'verify-email', name: 'verify-email', component: () => import('#/views/auth/verify-email/index.vue'), meta: { title: 'portal.verify.title' } },
  { path: 'login-link', name: 'login-link', component: () => import('#/views/auth/login-link/index.vue'), meta: { title: 'portal.loginLink.title' } },
  // Public: the page itself asks a visitor to sign in first, and keeps the token across the login.
  { path: 'accept-role', name: 'accept-role', component: () => import('#/views/auth/accept-role/index.vue'), meta: { title: 'portal.acceptRole.title' } },
  { path: 'account', name: 'account', component: () => import('#/views/auth/account/index.vue'), meta: { title: 'portal.account.title', requiresAuth: true } },
];

export const fallbackRoutes: RouteRecordRaw[] = [
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('#/views/fallback/not-found/index.vue'),
    meta: { title: 'portal.notFound.title' },
  },
];
