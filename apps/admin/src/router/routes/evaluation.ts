import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

/** Life after naming (年度考核): the office's rounds and rectifications, the expert's evaluations. */
export const evaluationRoutes: RouteRecordRaw[] = [
  {
    path: 'evaluation',
    name: 'evaluation',
    component: () => import('#/views/evaluation/rounds/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'evaluation.menu', menu: { order: 34, icon: 'evaluation' } },
  },
  {
    path: 'evaluation/rectifications',
    name: 'evaluation-rectifications',
    component: () => import('#/views/evaluation/rectifications/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'evaluation.rectifications.title', activeMenu: 'evaluation' },
  },
  {
    path: 'evaluation/:id',
    name: 'evaluation-round',
    component: () => import('#/views/evaluation/round/index.vue'),
    meta: { roles: OFFICE_ROLES, titleKey: 'evaluation.menu', activeMenu: 'evaluation' },
  },
  {
    path: 'my-evaluations',
    name: 'my-evaluations',
    component: () => import('#/views/evaluation/mine/index.vue'),
    meta: { roles: ['expert'], titleKey: 'evaluation.mine.menu', menu: { order: 27, icon: 'myEvaluations' } },
  },
];
