import type { Role } from '@ssb/domain/roles';
import type { RouteRecordRaw } from 'vue-router';
import { OFFICE_ROLES } from '#/utils/access.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open to everyone, signed in or not. */
    public?: boolean;
    /** Any signed-in user, even one without an admin-side role. */
    anyRole?: boolean;
    /** Only users holding one of these roles. */
    roles?: Role[];
    /** i18n key of the page title. */
    titleKey?: string;
    /** Shown in the side menu, in this order, with this icon. */
    menu?: { order: number; icon: 'home' | 'users' | 'organizations' | 'recommenders' | 'campaigns' | 'intake' | 'paper' | 'audit' | 'statistics' | 'review' | 'myReviews' | 'decisions' | 'notices' | 'register' | 'alliances' | 'activityCampaigns' | 'funding' | 'fundingDesk' | 'evaluation' | 'myEvaluations' };
    /** The menu item to highlight on a page that is not itself in the menu. */
    activeMenu?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('#/views/auth/login/index.vue'),
    meta: { public: true, titleKey: 'common.login' },
  },
  {
    path: '/no-access',
    name: 'no-access',
    component: () => import('#/views/auth/no-access/index.vue'),
    meta: { anyRole: true, titleKey: 'noAccess.title' },
  },
  {
    path: '/',
    component: () => import('#/layouts/basic-layout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('#/views/home/index.vue'),
        meta: { titleKey: 'menu.home', menu: { order: 1, icon: 'home' } },
      },
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
      {
        path: 'register',
        name: 'register',
        component: () => import('#/views/register/index.vue'),
        meta: { roles: OFFICE_ROLES, titleKey: 'register.menu', menu: { order: 32, icon: 'register' } },
      },
      {
        path: 'alliances',
        name: 'alliances',
        component: () => import('#/views/alliances/list/index.vue'),
        meta: { roles: OFFICE_ROLES, titleKey: 'alliancesOffice.menu', menu: { order: 34, icon: 'alliances' } },
      },
      {
        path: 'activity-campaigns',
        name: 'activity-campaigns',
        component: () => import('#/views/activity-campaigns/index.vue'),
        meta: { roles: OFFICE_ROLES, titleKey: 'activityCampaigns.menu', menu: { order: 35, icon: 'activityCampaigns' } },
      },
      {
        path: 'alliances/:id',
        name: 'alliance-detail',
        component: () => import('#/views/alliances/detail/index.vue'),
        meta: { roles: OFFICE_ROLES, titleKey: 'alliancesOffice.title', activeMenu: 'alliances' },
      },
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
      {
        path: 'messages',
        name: 'messages',
        component: () => import('#/views/messages/index.vue'),
        meta: { titleKey: 'messages.title' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('#/views/fallback/forbidden/index.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('#/views/fallback/not-found/index.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
];
