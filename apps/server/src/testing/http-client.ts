/** A tiny browser stand-in for tests over real HTTP: keeps cookies and sends the CSRF header like the apps do. */
export function createHttpClient(baseUrl: string, cookies = new Map<string, string>()) {
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const headers = (): Record<string, string> => ({
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-csrf-token': cookies.get('ssb_csrf') ?? '',
    // What a browser says of a request from the site's own page (audited downloads need it).
    'sec-fetch-site': 'same-origin',
  });
  async function call<T>(path: string, input: unknown, kind: 'query' | 'mutation'): Promise<T> {
    if (!cookies.has('ssb_csrf')) remember(await fetch(`${baseUrl}/healthz`));
    const response =
      kind === 'query'
        ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`, { headers: headers() })
        : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers: { ...headers(), 'content-type': 'application/json' }, body: JSON.stringify(input ?? null) });
    remember(response);
    const json = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (json.error) throw new Error(json.error.message);
    return json.result!.data;
  }
  return {
    headers,
    /** The same browser (its cookies) talking to another address, e.g. another replica. */
    at: (otherUrl: string) => createHttpClient(otherUrl, cookies),
    query: <T>(path: string, input?: unknown) => call<T>(path, input, 'query'),
    mutate: <T>(path: string, input?: unknown) => call<T>(path, input, 'mutation'),
    get: (path: string, extra: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers: { ...headers(), ...extra } }),
  };
}
