import '@ssb/ui/styles.css';
import './styles/portal.css';
import { createAppI18n, installQuery } from '@ssb/ui';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import { messages } from './locales/index.ts';
import { router } from './router/index.ts';

const app = createApp(App);
app.use(createPinia());
app.use(createAppI18n(messages));
installQuery(app);
app.use(router);
app.mount('#app');
