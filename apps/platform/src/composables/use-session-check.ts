import { useSessionStore } from '@ssb/ui/session';
import { readonly, ref } from 'vue';

const checked = ref(false);
let pending: Promise<void> | null = null;

/** True once we know whether someone is signed in, or could not find out (then: treated as signed out). */
export const sessionChecked = readonly(checked);

/** Asks the server who is signed in, once per page load; every caller waits for the same answer. */
export function ensureSessionChecked(): Promise<void> {
  pending ??= (async () => {
    const session = useSessionStore();
    try {
      await session.refresh();
    } catch {
      session.setMe(null);
    } finally {
      checked.value = true;
    }
  })();
  return pending;
}
