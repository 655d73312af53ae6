import type { RouteRecordRaw } from 'vue-router';

/**
 * The application path: the applicant's list and form, the recommender's desk. Each page loads on
 * demand (the form brings the shared validators and the upload client with it).
 */
export const applicationRoutes: RouteRecordRaw[] = [
  {
    path: 'applications',
    name: 'applications',
    component: () => import('#/views/applications/list/index.vue'),
    meta: { title: 'portal.nav.applications', requiresAuth: true, roles: ['applicant'] },
  },
  {
    path: 'applications/:id',
    name: 'application',
    component: () => import('#/views/applications/form/index.vue'),
    meta: { title: 'portal.application.pageTitle', requiresAuth: true, roles: ['applicant'] },
  },
  {
    path: 'recommendations',
    name: 'recommendations',
    component: () => import('#/views/recommendations/desk/index.vue'),
    meta: { title: 'portal.nav.recommendations', requiresAuth: true, roles: ['recommender'] },
  },
  {
    path: 'recommendations/:id',
    name: 'recommendation',
    component: () => import('#/views/recommendations/detail/index.vue'),
    meta: { title: 'portal.desk.detailTitle', requiresAuth: true, roles: ['recommender'] },
  },
  {
    path: 'forbidden',
    name: 'forbidden',
    component: () => import('#/views/fallback/forbidden/index.vue'),
    meta: { title: 'portal.forbidden.title' },
  },
];
