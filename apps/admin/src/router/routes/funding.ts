import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Special activity funding (专项经费): the office's calls and applications, the funding reviewer's desk. */
export const fundingRoutes: RouteRecordRaw[] = [
  {
    path: 'funding',
    name: 'funding',
    component: () => import('#/views/funding/calls/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingOffice.menu', menu: { order: 35, icon: 'funding' } },
  },
  {
    path: 'funding/calls/:id',
    name: 'funding-call',
    component: () => import('#/views/funding/call/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingOffice.title', activeMenu: 'funding' },
  },
  {
    path: 'funding/calls/:id/edit',
    name: 'funding-call-edit',
    component: () => import('#/views/funding/call-edit/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingMore.edit.title', activeMenu: 'funding' },
  },
  {
    path: 'funding/dashboard',
    name: 'funding-dashboard',
    component: () => import('#/views/funding/dashboard/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingMore.dashboard.title', activeMenu: 'funding' },
  },
  {
    path: 'funding/reports-due',
    name: 'funding-reports-due',
    component: () => import('#/views/funding/reports-due/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingMore.due.title', activeMenu: 'funding' },
  },
  {
    path: 'funding/applications/:id',
    name: 'funding-application',
    component: () => import('#/views/funding/application/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'fundingOffice.title', activeMenu: 'funding' },
  },
  {
    path: 'funding/desk',
    name: 'funding-desk',
    component: () => import('#/views/funding/desk/index.vue'),
    meta: { roles: ['funding_reviewer'], titleKey: 'fundingDesk.menu', menu: { order: 36, icon: 'fundingDesk' } },
  },
  {
    path: 'funding/desk/:id',
    name: 'funding-sheet',
    component: () => import('#/views/funding/sheet/index.vue'),
    meta: { roles: ['funding_reviewer'], titleKey: 'fundingDesk.sheet', activeMenu: 'funding-desk' },
  },
];
