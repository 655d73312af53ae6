import type { RouteRecordRaw } from 'vue-router';

/** Base managers: their base's public profile, their resources, and sharing with other bases. */
export const sharedResourceRoutes: RouteRecordRaw[] = [
  { path: 'base', name: 'my-base', component: () => import('#/views/base/profile/index.vue'), meta: { title: 'myBase.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'resources', name: 'resources-admin', component: () => import('#/views/resources/list/index.vue'), meta: { title: 'resourcesAdmin.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'resources/new', name: 'resource-new', component: () => import('#/views/resources/editor/index.vue'), meta: { title: 'resourcesAdmin.editor.newTitle', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'resources/:id', name: 'resource-edit', component: () => import('#/views/resources/editor/index.vue'), meta: { title: 'resourcesAdmin.editor.editTitle', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'sharing', name: 'sharing', component: () => import('#/views/sharing/list/index.vue'), meta: { title: 'sharing.title', requiresAuth: true, roles: ['base_manager'] } },
];
