import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEMO_PASSWORD } from './harness.ts';

type TrpcAnswer<T> = { result?: { data: T }; error?: { message: string } };

/**
 * A signed-in user's HTTP session with the running platform, for the setup a test needs but does
 * not test (an exhibit to find, a resource to borrow): the same requests the apps send, with the
 * session cookie and the double-submit CSRF token.
 */
export async function apiSession(baseUrl: string, email: string, password = DEMO_PASSWORD) {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const headers = (extra: Record<string, string> = {}) => ({
    cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    'x-csrf-token': cookies.get('ssb_csrf') ?? '',
    ...extra,
  });
  const send = async (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    remember(await fetch(`${baseUrl}${path}`, { ...init, headers: headers(init.headers) }));
  const answer = async <T>(response: Response, what: string): Promise<T> => {
    const body = (await response.json()) as TrpcAnswer<T>;
    if (!response.ok || !body.result) throw new Error(`${what}: ${response.status} ${body.error?.message ?? ''}`);
    return body.result.data;
  };
  const query = async <T>(procedure: string, input?: unknown) =>
    answer<T>(await send(`/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`), procedure);
  const mutate = async <T>(procedure: string, input: unknown) =>
    answer<T>(await send(`/trpc/${procedure}`, { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } }), procedure);

  await send('/trpc/auth.me');
  await mutate('auth.login', { email, password });

  /** A whole file through the resumable endpoint (tus: create, then one PATCH); resolves with the server's last answer. */
  async function tusUpload(path: string, metadata: Record<string, string>) {
    const bytes = await readFile(path);
    const encoded = Object.entries({ ...metadata, filename: basename(path), filetype: 'video/mp4' })
      .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
      .join(',');
    const created = await send('/uploads', { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': encoded } });
    if (created.status !== 201) throw new Error(`tus create: ${created.status} ${await created.text()}`);
    const location = new URL(created.headers.get('location')!, `${baseUrl}/uploads/`).pathname;
    const sent = await send(location, {
      method: 'PATCH',
      body: new Uint8Array(bytes),
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    });
    if (!sent.ok) throw new Error(`tus patch: ${sent.status} ${await sent.text()}`);
    return sent.json();
  }

  return { query, mutate, send, tusUpload };
}

export type ApiSession = Awaited<ReturnType<typeof apiSession>>;
