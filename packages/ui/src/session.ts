import type { RouterOutputs } from '@ssb/api';
import type { Role } from '@ssb/domain/roles';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { trpc } from './trpc.ts';

export type Me = NonNullable<RouterOutputs['auth']['me']>;

/** Who is signed in, shared by every page of an app; the server stays the judge of what they may do. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const isLoaded = ref(false);
  const roles = computed(() => new Set<Role>(me.value?.memberships.map((m) => m.role) ?? []));
  const hasRole = (...wanted: Role[]) => wanted.some((r) => roles.value.has(r));

  async function refresh() {
    me.value = await trpc.auth.me.query();
    isLoaded.value = true;
    return me.value;
  }
  async function login(email: string, password: string) {
    me.value = await trpc.auth.login.mutate({ email, password });
    return me.value;
  }
  async function logout() {
    try {
      await trpc.auth.logout.mutate();
    } finally {
      me.value = null;
    }
  }
  return { me, isLoaded, roles, hasRole, refresh, login, logout, setMe: (value: Me | null) => (me.value = value) };
});
