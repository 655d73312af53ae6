import { safeRedirect as sharedSafeRedirect } from '@ssb/ui/redirect';
import type { Me } from '@ssb/ui';
import { OFFICE_ROLES as OFFICE, ROLE_HOME_APP, type Role } from '@ssb/domain/roles';

/** Roles that work in the admin console (the rest work in the portal). */
export const ADMIN_ROLES = (Object.keys(ROLE_HOME_APP) as Role[]).filter((role) => ROLE_HOME_APP[role] === 'admin');

/** Roles that run the programme: they see every page of the console. */
export const OFFICE_ROLES: Role[] = [...OFFICE];

export const PORTAL_HREF = '/portal/';
export const FORGOT_PASSWORD_HREF = '/portal/forgot-password';

export const adminMemberships = (me: Me | null) => me?.memberships.filter((m) => ADMIN_ROLES.includes(m.role)) ?? [];
export const portalMemberships = (me: Me | null) => me?.memberships.filter((m) => !ADMIN_ROLES.includes(m.role)) ?? [];
export const usesAdminConsole = (me: Me | null) => adminMemberships(me).length > 0;

/** Only same-app paths are followed after sign-in, never another origin. */
export const safeRedirect = (value: unknown): string => sharedSafeRedirect(value, { avoid: ['/no-access'] });
