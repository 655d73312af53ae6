import { ROLE_HOME_APP, type Role } from '@ssb/domain/roles';

/** Roles whose work happens in this portal; the others work in the admin console. */
export const isPortalRole = (role: Role) => ROLE_HOME_APP[role] === 'portal';
export const isAdminRole = (role: Role) => ROLE_HOME_APP[role] === 'admin';

/** True when the user holds roles, and every one of them belongs to the admin console. */
export function hasOnlyAdminRoles(memberships: readonly { role: Role }[]): boolean {
  return memberships.length > 0 && memberships.every((m) => isAdminRole(m.role));
}
