import { defineConfig } from 'vitest/config';

// Browser tests share one machine's two cores: run the files one after another.
export default defineConfig({
  test: { include: ['**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
});
