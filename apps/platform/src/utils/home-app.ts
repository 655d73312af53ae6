import { safePath } from '@ssb/ui/redirect';
import { ROLE_HOME_APP, type Role } from '@ssb/domain/roles';

const APP_HREF = { portal: '/portal/', admin: '/admin/', platform: '/' } as const;

type WithMemberships = { memberships: ReadonlyArray<{ role: Role }> };

/** The app a signed-in user works in: the home app of their first role, or this platform. */
export function workspaceHref(me: WithMemberships | null | undefined): string {
  const role = me?.memberships[0]?.role;
  return role ? APP_HREF[ROLE_HOME_APP[role]] : APP_HREF.platform;
}

/** Whether a workspace exists for this user outside the public platform. */
export const hasWorkspace = (me: WithMemberships | null | undefined) => workspaceHref(me) !== APP_HREF.platform;

/**
 * A `?redirect=` target another app may pass to the login page, accepted only when it stays on
 * this site (a path, not `//host` or `https://…`), so the login page cannot be used to send people elsewhere.
 */
export const safeRedirect = (value: unknown): string | null => safePath(value);
