import { fileURLToPath } from 'node:url';
import { defineAppConfig } from '@ssb/ui/vite';

export default defineAppConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  devPort: 5175,
});
