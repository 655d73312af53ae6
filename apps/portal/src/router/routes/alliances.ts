import type { RouteRecordRaw } from 'vue-router';

/** Alliances: base managers' 我的联盟 and the coordinator's 联盟管理. */
export const allianceRoutes: RouteRecordRaw[] = [
  { path: 'alliances', name: 'my-alliances', component: () => import('#/views/alliances/mine/index.vue'), meta: { title: 'alliances.mine.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'alliances/new', name: 'alliance-propose', component: () => import('#/views/alliances/propose/index.vue'), meta: { title: 'alliances.propose.title', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'alliances/:id/edit', name: 'alliance-resubmit', component: () => import('#/views/alliances/propose/index.vue'), meta: { title: 'alliances.propose.editTitle', requiresAuth: true, roles: ['base_manager'] } },
  { path: 'alliance-invitations', name: 'alliance-invitations', component: () => import('#/views/alliances/invitations/index.vue'), meta: { title: 'unitInvitations.title', requiresAuth: true, roles: ['applicant'] } },
  { path: 'alliance-admin/:allianceId/actions/new', name: 'joint-action-new', component: () => import('#/views/events/editor/index.vue'), meta: { title: 'jointActions.newTitle', requiresAuth: true, roles: ['alliance_coordinator'] } },
  { path: 'alliance-admin/:allianceId/actions/:id', name: 'joint-action-edit', component: () => import('#/views/events/editor/index.vue'), meta: { title: 'jointActions.editTitle', requiresAuth: true, roles: ['alliance_coordinator'] } },
  { path: 'alliance-admin', name: 'alliance-admin', component: () => import('#/views/alliances/coordinate/index.vue'), meta: { title: 'alliances.coordinate.title', requiresAuth: true, roles: ['alliance_coordinator'] } },
];
