import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title shown in the browser tab. */
    titleKey?: string;
  }
}

/** Every page is its own chunk: the first visit downloads only the page it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../views/home/index.vue'), meta: { titleKey: 'nav.home' } },
  { path: '/about', name: 'about', component: () => import('../views/about/index.vue'), meta: { titleKey: 'nav.about' } },
  { path: '/login', name: 'login', component: () => import('../views/auth/login/index.vue'), meta: { titleKey: 'login.pageTitle' } },
  { path: '/search', name: 'search', component: () => import('../views/search/index.vue'), meta: { titleKey: 'sr.search.pageTitle' } },
  { path: '/bases', name: 'bases', component: () => import('../views/bases/directory/index.vue'), meta: { titleKey: 'sr.nav.bases' } },
  { path: '/bases/:id', name: 'base', component: () => import('../views/bases/detail/index.vue'), meta: { titleKey: 'sr.nav.bases' } },
  { path: '/resources/:id', name: 'resource', component: () => import('../views/resources/detail/index.vue'), meta: { titleKey: 'sr.nav.search' } },
  { path: '/events', name: 'events', component: () => import('../views/events/index.vue'), meta: { titleKey: 'events.page.title' } },
  { path: '/events/registration/:id', name: 'event-registration', component: () => import('../views/events/registration/index.vue'), meta: { titleKey: 'registration.title' } },
  { path: '/events/:id', name: 'event', component: () => import('../views/events/detail/index.vue'), meta: { titleKey: 'events.page.title' } },
  { path: '/campaigns', name: 'campaigns', component: () => import('../views/campaigns/list/index.vue'), meta: { titleKey: 'campaigns.title' } },
  { path: '/campaigns/:id', name: 'campaign', component: () => import('../views/campaigns/detail/index.vue'), meta: { titleKey: 'campaigns.title' } },
  { path: '/alliances', name: 'alliances', component: () => import('../views/alliances/list/index.vue'), meta: { titleKey: 'alliances.title' } },
  { path: '/alliances/:id', name: 'alliance', component: () => import('../views/alliances/detail/index.vue'), meta: { titleKey: 'alliances.title' } },
  { path: '/evaluations', name: 'evaluations', component: () => import('../views/evaluations/index.vue'), meta: { titleKey: 'evaluationPublic.title' } },
  { path: '/funding', name: 'funding', component: () => import('../views/funding/index.vue'), meta: { titleKey: 'funding.title' } },
  { path: '/funding/calls/:id', name: 'funding-call', component: () => import('../views/funding/call/index.vue'), meta: { titleKey: 'funding.title' } },
  { path: '/notices', name: 'notices', component: () => import('../views/notices/list/index.vue'), meta: { titleKey: 'notice.nav' } },
  { path: '/notices/:id', name: 'notice', component: () => import('../views/notices/detail/index.vue'), meta: { titleKey: 'notice.nav' } },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/not-found/index.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];
