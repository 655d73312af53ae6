import type { RouteRecordRaw } from 'vue-router';

/** Base managers: the events of their base, shown on its public page once published. */
export const eventRoutes: RouteRecordRaw[] = [
  { path: 'events', name: 'events-admin', component: () => import('#/views/events/list/index.vue'), meta: { title: 'eventsAdmin.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'events/new', name: 'event-new', component: () => import('#/views/events/editor/index.vue'), meta: { title: 'eventsAdmin.editor.newTitle', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'events/cohosting', name: 'events-cohosting', component: () => import('#/views/events/cohosting/index.vue'), meta: { title: 'cohosting.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'events/:id/registrations', name: 'event-registrations', component: () => import('#/views/events/registrations/index.vue'), meta: { title: 'eventsAdmin.door.pageTitle', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'events/:id/report', name: 'event-report', component: () => import('#/views/events/report/index.vue'), meta: { title: 'eventsAdmin.report.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'events/:id', name: 'event-edit', component: () => import('#/views/events/editor/index.vue'), meta: { title: 'eventsAdmin.editor.editTitle', requiresAuth: true, roles: ['base_manager'] } },
];
