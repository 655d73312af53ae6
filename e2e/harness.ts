import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@ssb/db';
import { DEMO_PASSWORD } from '@ssb/db/seed';
import { createServer } from '@ssb/server';
import { chromium, type Browser, type Page } from 'playwright-core';

export { DEMO_PASSWORD };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots', import.meta.url));

/**
 * The whole platform as `pnpm start` runs it (built apps, demo seed) on a free port, with its own
 * data folder, on PGlite — or on a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
export async function startPlatform() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ssb-e2e-'));
  let database;
  if (process.env.TEST_DATABASE_URL) {
    const { createTestDatabase } = await import('@ssb/db/testing');
    database = await createTestDatabase('postgres');
  } else {
    database = createDatabase({ dataDir: join(dataDir, 'pglite') });
  }
  // Known before start, so that links in emails carry the real address.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const platform = await createServer({
    database,
    env: { PORT: port, HOST: '127.0.0.1', PUBLIC_URL: baseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: true, SERVE_APPS: true },
  });
  await platform.start();
  return {
    baseUrl,
    dataDir,
    platform,
    /** The platform's own database, for a test's setup that is not the subject of that test. */
    database,
    /** Stops the server and its database and deletes the data folder, so one file leaves nothing running or stored for the next. */
    async stop() {
      try {
        await platform.stop();
      } finally {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
