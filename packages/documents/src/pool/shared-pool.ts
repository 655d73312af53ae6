import { RenderPool, type PoolOptions } from './render-pool.ts';

let pool: RenderPool | null = null;

/**
 * The process's render pool (2 workers unless the first caller says otherwise): created, and its
 * workers warmed up, by the server at start or else on the first render.
 */
export function documentPool(options: PoolOptions = {}): RenderPool {
  pool ??= new RenderPool(options);
  return pool;
}

export async function closeDocumentPool() {
  const closing = pool;
  pool = null;
  await closing?.close();
}
