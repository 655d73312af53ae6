import { defineConfig } from 'vitest/config';

/**
 * Browser tests share one machine's two cores: the files run one after another, each in a fresh
 * process (forks, isolated), so a file's server, browser or memory never weighs on the next file.
 * Waits inside the tests are on the pages' own states; the timeouts below only stop a stuck run.
 */
export default defineConfig({
  test: {
    include: ['**/*.e2e.test.ts'],
    pool: 'forks',
    isolate: true,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
