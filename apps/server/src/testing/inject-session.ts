import { DEMO_PASSWORD } from '@ssb/db/seed';
import type { FastifyInstance } from 'fastify';

const cookieOf = (setCookie: string | string[] | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1);
};

/** Signs a demo account in through `server.inject`, as the apps do: the CSRF cookie first, then auth.login. */
export async function injectSession(server: FastifyInstance, email: string) {
  const first = await server.inject('/healthz');
  const csrf = cookieOf(first.headers['set-cookie'], 'ssb_csrf')!;
  const login = await server.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    headers: { 'x-csrf-token': csrf, cookie: `ssb_csrf=${csrf}` },
    payload: { email, password: DEMO_PASSWORD },
  });
  const session = cookieOf(login.headers['set-cookie'], 'ssb_session');
  if (!session) throw new Error(`login failed for ${email}: ${login.body}`);
  return { csrf, session, cookie: `ssb_session=${session}; ssb_csrf=${csrf}`, headers: { cookie: `ssb_session=${session}; ssb_csrf=${csrf}`, 'x-csrf-token': csrf } };
}
