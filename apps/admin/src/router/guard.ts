import { isUnauthorized, useSessionStore } from '@ssb/ui';
import type { QueryClient } from '@tanstack/vue-query';
import type { Router } from 'vue-router';
import { safeRedirect, usesAdminConsole } from '#/utils/access.ts';

/**
 * Who may open which page. The server still checks every call; this only keeps people from
 * landing on pages that would refuse them.
 */
export function installRouteGuard(router: Router, queryClient: QueryClient) {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.isLoaded) {
      try {
        await session.refresh();
      } catch {
        // Offline or server down: treat as signed out; the login page reports the failure.
      }
    }
    const me = session.me;
    if (to.meta.public) {
      if (to.name === 'login' && me && usesAdminConsole(me)) return safeRedirect(to.query.redirect);
      return true;
    }
    if (!me) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    if (!usesAdminConsole(me)) return to.meta.anyRole ? true : { name: 'no-access' };
    if (to.name === 'no-access') return { name: 'home' };
    // The forbidden page names the roles the page is for, so nobody is told the wrong audience.
    if (to.meta.roles && !session.hasRole(...to.meta.roles)) return { name: 'forbidden', query: { roles: to.meta.roles.join(',') } };
    return true;
  });

  // A session that expires while a page is open: back to sign-in, then back here.
  const onAuthLost = (error: unknown) => {
    if (!isUnauthorized(error)) return;
    const session = useSessionStore();
    session.setMe(null);
    queryClient.clear();
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  };
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onAuthLost(event.action.error);
  });
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onAuthLost(event.action.error);
  });
}
