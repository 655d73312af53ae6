// One lint configuration for the whole workspace; each package runs `eslint .` through turbo.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/migrations/**', '**/screenshots/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Views are folders with index.vue, as in the apps' skeleton.
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Tests walk routers and payloads dynamically.
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through apps/server/src/env.ts.' }],
    },
  },
  {
    // The env module, test set-up and the CLI entry read the environment by design.
    files: ['apps/server/src/env.ts', '**/*.test.ts', '**/testing/**', '**/testing.ts', 'e2e/**', 'bench/**', 'apps/cli/**', '**/vite.config.ts', '**/vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Services know nothing of tRPC: they throw DomainError (@ssb/domain/errors), which the transports map.
    files: ['packages/api/src/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@trpc/server', message: 'Throw userError()/DomainError from @ssb/domain/errors; the tRPC layer maps it.' }] }],
    },
  },
);
