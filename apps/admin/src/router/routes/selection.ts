import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** The selection campaign (申报批次) and its desks: intake, paper check, decisions and public notices. */
export const selectionRoutes: RouteRecordRaw[] = [
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('#/views/campaigns/list/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'menu.campaigns', menu: { order: 5, icon: 'campaigns' } },
  },
  {
    path: 'campaigns/:id',
    name: 'campaign-detail',
    component: () => import('#/views/campaigns/detail/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'campaigns.detailTitle', activeMenu: 'campaigns' },
  },
  {
    path: 'intake',
    name: 'intake',
    component: () => import('#/views/intake/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'intake.menu', menu: { order: 20, icon: 'intake' } },
  },
  {
    // The QR code on each printed 申报表 opens this page: /admin/paper-check?code=…&id=…
    path: 'paper-check',
    name: 'paper-check',
    component: () => import('#/views/paper/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'paper.menu', menu: { order: 21, icon: 'paper' } },
  },
  {
    path: 'decisions',
    name: 'decisions',
    component: () => import('#/views/decisions/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'decisions.menu', menu: { order: 30, icon: 'decisions' } },
  },
  {
    path: 'notices',
    name: 'notices',
    component: () => import('#/views/notices/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'notices.menu', menu: { order: 31, icon: 'notices' } },
  },
  {
    path: 'notices/:id',
    name: 'notice-detail',
    component: () => import('#/views/notices/detail/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'notices.title', activeMenu: 'notices' },
  },
];
