import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Expert review (专家评审): the office's desk and the expert's own sheets. */
export const reviewRoutes: RouteRecordRaw[] = [
  {
    path: 'review',
    name: 'review',
    component: () => import('#/views/review/office/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'review.menu', menu: { order: 25, icon: 'review' } },
  },
  {
    path: 'my-reviews',
    name: 'my-reviews',
    component: () => import('#/views/review/mine/index.vue'),
    meta: { roles: ['expert'], titleKey: 'review.mineMenu', menu: { order: 26, icon: 'myReviews' } },
  },
  {
    path: 'my-reviews/:id',
    name: 'my-review-sheet',
    component: () => import('#/views/review/sheet/index.vue'),
    meta: { roles: ['expert'], titleKey: 'review.sheet.sheet', activeMenu: 'my-reviews' },
  },
];
