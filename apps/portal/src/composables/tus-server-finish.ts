/**
 * Waits until the server has ended its check of an upload whose every byte arrived but whose
 * answer the browser never got (the request carrying the last byte was paused or cut off). The
 * server forgets an upload once its check has ended, accepted or refused, so a HEAD that no
 * longer finds it means the outcome is in the application's own data.
 */
export async function waitForServerFinish(url: string, headers: Record<string, string>, { intervalMs = 500, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', ...headers }, cache: 'no-store' }).catch(() => null);
    // 423: another request holds the upload for a moment; 2xx: the check is still running.
    if (response && response.status >= 400 && response.status < 500 && response.status !== 423) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
