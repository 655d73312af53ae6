import type { RouteRecordRaw } from 'vue-router';

/** 年度报告: the base's annual reports, pre-filled from the platform's records, and its rectifications. */
export const annualReportRoutes: RouteRecordRaw[] = [
  { path: 'annual-reports', name: 'annual-reports', component: () => import('#/views/annual-reports/list/index.vue'), meta: { title: 'annualReports.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'annual-reports/:id', name: 'annual-report', component: () => import('#/views/annual-reports/editor/index.vue'), meta: { title: 'annualReports.report', requiresAuth: true, roles: ['base_manager'] } },
];
