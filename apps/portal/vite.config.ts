import { fileURLToPath } from 'node:url';
import { defineAppConfig } from '@ssb/ui/vite';

export default defineAppConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  devPort: 5174,
});
