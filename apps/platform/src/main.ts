import '@ssb/ui/styles.css';
import './styles/platform.css';
import { createAppI18n } from '@ssb/ui/i18n';
import { installQuery } from '@ssb/ui/query';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import { messages } from './locales/index.ts';
import { ensureSessionChecked } from './composables/use-session-check.ts';
import { createPlatformRouter } from './router/index.ts';

const app = createApp(App);
const i18n = createAppI18n(messages);
app.use(createPinia());
app.use(i18n);
installQuery(app);
app.use(createPlatformRouter());
app.mount('#app');
// Who is signed in: asked once, in parallel with loading the first page.
void ensureSessionChecked();
