/** Names the server and the browsers must agree on: the cookies and the header of the CSRF double submit. */
export const SESSION_COOKIE = 'ssb_session';
export const CSRF_COOKIE = 'ssb_csrf';
export const CSRF_HEADER = 'x-csrf-token';
