import { CSRF_COOKIE, CSRF_HEADER } from '@ssb/domain/http-names';

/** A cookie's value as the page sees it, '' when unset. */
export function readCookie(name: string) {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : '';
}

/** The header every request that changes something carries: the CSRF token the server set in its cookie. */
export const csrfHeaders = (): Record<string, string> => ({ [CSRF_HEADER]: readCookie(CSRF_COOKIE) });
