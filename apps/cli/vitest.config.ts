import { defineConfig } from 'vitest/config';

// Every test starts the CLI in child processes (tsx + PGlite start-up each time): allow minutes.
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 120_000 } });
