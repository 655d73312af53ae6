import type { RouteRecordRaw } from 'vue-router';

/** Special activity funding: the calls and the organization's applications and grants. */
export const fundingRoutes: RouteRecordRaw[] = [
  { path: 'funding', name: 'funding', component: () => import('#/views/funding/list/index.vue'), meta: { title: 'funding.title', requiresAuth: true, roles: ['base_manager', 'alliance_coordinator'] } },
  { path: 'funding/applications/:id', name: 'funding-application', component: () => import('#/views/funding/editor/index.vue'), meta: { title: 'funding.application', requiresAuth: true, roles: ['base_manager', 'alliance_coordinator'] } },
];
