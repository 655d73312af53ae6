import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Accounts: users, organizations and recommenders. */
export const accountRoutes: RouteRecordRaw[] = [
  {
    path: 'users',
    name: 'users',
    component: () => import('#/views/users/list/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'menu.users', menu: { order: 2, icon: 'users' } },
  },
  {
    path: 'organizations',
    name: 'organizations',
    component: () => import('#/views/organizations/list/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'menu.organizations', menu: { order: 3, icon: 'organizations' } },
  },
  {
    path: 'recommenders',
    name: 'recommenders',
    component: () => import('#/views/recommenders/list/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'menu.recommenders', menu: { order: 4, icon: 'recommenders' } },
  },
];
