import '@ssb/ui/styles.css';
import './styles/admin.css';
import { createAppI18n, installQuery } from '@ssb/ui';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import { messages } from './locales/index.ts';
import { router } from './router/index.ts';
import { installRouteGuard } from './router/guard.ts';

const app = createApp(App);
app.use(createPinia());
app.use(createAppI18n(messages));
const queryClient = installQuery(app);
installRouteGuard(router, queryClient);
app.use(router);
app.mount('#app');
