import type { RouteRecordRaw } from 'vue-router';

/** The signed-in user's workbench. */
export const workbenchRoutes: RouteRecordRaw[] = [
  { path: '', name: 'home', component: () => import('#/views/workbench/home/index.vue'), meta: { title: 'portal.nav.home', requiresAuth: true } },
  {
    path: 'campaign',
    name: 'campaign',
    component: () => import('#/views/workbench/campaign/index.vue'),
    meta: { title: 'portal.nav.campaign', requiresAuth: true },
  },
  {
    path: 'messages',
    name: 'messages',
    component: () => import('#/views/workbench/messages/index.vue'),
    meta: { title: 'portal.nav.messages', requiresAuth: true },
  },
];
