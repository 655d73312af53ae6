import type { Role } from '@ssb/domain/roles';
import type { RouteRecordRaw } from 'vue-router';
import { accountRoutes } from './accounts.ts';
import { allianceRoutes } from './alliances.ts';
import { authRoutes, commonRoutes, fallbackRoutes, homeRoutes } from './core.ts';
import { evaluationRoutes } from './evaluation.ts';
import { fundingRoutes } from './funding.ts';
import { platformContentRoutes } from './platform-content.ts';
import { registerRoutes } from './register.ts';
import { reviewRoutes } from './review.ts';
import { selectionRoutes } from './selection.ts';
import { systemRoutes } from './system.ts';

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

/** One file per area; the menu sorts by `meta.menu.order`, so the order here only breaks ties. */
export const routes: RouteRecordRaw[] = [
  ...authRoutes,
  {
    path: '/',
    component: () => import('#/layouts/basic-layout.vue'),
    children: [
      ...homeRoutes,
      ...accountRoutes,
      ...selectionRoutes,
      ...reviewRoutes,
      ...registerRoutes,
      ...allianceRoutes,
      ...evaluationRoutes,
      ...platformContentRoutes,
      ...fundingRoutes,
      ...systemRoutes,
      ...commonRoutes,
    ],
  },
  ...fallbackRoutes,
];
