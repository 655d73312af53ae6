import { OFFICE_GRANTABLE_ROLES, ROLES, type Role } from '@ssb/domain/roles';
import { useSessionStore } from '@ssb/ui';
import { computed } from 'vue';

/** The roles this user may hand out: all but sysadmin for the office, all of them for a sysadmin. */
export function useGrantableRoles() {
  const session = useSessionStore();
  const isSysadmin = computed(() => session.hasRole('sysadmin'));
  const roles = computed<readonly Role[]>(() => (isSysadmin.value ? ROLES : OFFICE_GRANTABLE_ROLES));
  return { roles, isSysadmin };
}
