import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** The register of bases (基地名录). */
export const registerRoutes: RouteRecordRaw[] = [
  {
    path: 'register',
    name: 'register',
    component: () => import('#/views/register/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'register.menu', menu: { order: 32, icon: 'register' } },
  },
];
