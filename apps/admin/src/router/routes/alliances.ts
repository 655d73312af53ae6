import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Alliances (联盟). */
export const allianceRoutes: RouteRecordRaw[] = [
  {
    path: 'alliances',
    name: 'alliances',
    component: () => import('#/views/alliances/list/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'alliancesOffice.menu', menu: { order: 34, icon: 'alliances' } },
  },
  {
    path: 'alliances/:id',
    name: 'alliance-detail',
    component: () => import('#/views/alliances/detail/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'alliancesOffice.title', activeMenu: 'alliances' },
  },
];
