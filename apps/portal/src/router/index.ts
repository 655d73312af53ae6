import { createRouter, createWebHistory } from 'vue-router';
import BasicLayout from '#/layouts/basic-layout.vue';
import { setupRouterGuard } from './guard.ts';
import { allianceRoutes } from './routes/alliances.ts';
import { fundingRoutes } from './routes/funding.ts';
import { annualReportRoutes } from './routes/annual-reports.ts';
import { applicationRoutes } from './routes/applications.ts';
import { coreRoutes, fallbackRoutes } from './routes/core.ts';
import { eventRoutes } from './routes/events.ts';
import { sharedResourceRoutes } from './routes/shared-resources.ts';
import { workbenchRoutes } from './routes/workbench.ts';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [{ path: '/', component: BasicLayout, children: [...workbenchRoutes, ...applicationRoutes, ...sharedResourceRoutes, ...eventRoutes, ...allianceRoutes, ...fundingRoutes, ...annualReportRoutes, ...coreRoutes, ...fallbackRoutes] }],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

setupRouterGuard(router);
