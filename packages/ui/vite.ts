import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The one Vite setup the three apps share: Vue, Element Plus imported on demand (only the
 * components a page uses reach the bundle), `#/` for the app's src, and /trpc proxied to the
 * server during development.
 */
export function defineAppConfig(options: { root: string; base: string; devPort: number }): UserConfig {
  return defineConfig({
    base: options.base,
    plugins: [
      vue(),
      Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    ],
    resolve: { alias: { '#': `${options.root}/src` } },
    server: {
      port: options.devPort,
      proxy: { '/trpc': 'http://localhost:3000', '/uploads': 'http://localhost:3000', '/api': 'http://localhost:3000' },
    },
    build: { target: 'es2022', chunkSizeWarningLimit: 800 },
  });
}
