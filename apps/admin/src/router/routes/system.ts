import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** System pages: statistics and the audit log. */
export const systemRoutes: RouteRecordRaw[] = [
  {
    path: 'statistics',
    name: 'statistics',
    component: () => import('#/views/statistics/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'statistics.menu', menu: { order: 40, icon: 'statistics' } },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('#/views/audit/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'audit.menu', menu: { order: 90, icon: 'audit' } },
  },
];
