import { useSessionStore } from '@ssb/ui';
import type { Router } from 'vue-router';

/** Loads who is signed in once, and sends visitors of private pages to the login page and back. */
export function setupRouterGuard(router: Router) {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.isLoaded) {
      try {
        await session.refresh();
      } catch {
        // The server is unreachable: pages show their own error states, private ones start at login.
      }
    }
    if (to.meta.requiresAuth && !session.me) {
      return { name: 'login', query: { redirect: to.fullPath } };
    }
    // The server refuses other roles anyway; the page says so instead of failing to load.
    if (to.meta.roles?.length && !session.hasRole(...to.meta.roles)) {
      return { name: 'forbidden', query: { roles: to.meta.roles.join(',') } };
    }
    return true;
  });

  router.afterEach((to, from) => {
    // Move focus to the new page for keyboard and screen-reader users (not on the first load).
    if (from.matched.length > 0 && to.path !== from.path) document.getElementById('main')?.focus({ preventScroll: true });
  });
}
