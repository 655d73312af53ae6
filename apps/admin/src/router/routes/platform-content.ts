import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Content shown on the public platform: the themed activity campaigns (主题活动). */
export const platformContentRoutes: RouteRecordRaw[] = [
  {
    path: 'activity-campaigns',
    name: 'activity-campaigns',
    component: () => import('#/views/activity-campaigns/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'activityCampaigns.menu', menu: { order: 35, icon: 'activityCampaigns' } },
  },
];
