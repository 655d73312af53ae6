import '@ssb/ui/styles.css';
import './styles/admin.css';
import { createAppI18n, installQuery } from '@ssb/ui';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app.vue';
import en from './locales/langs/en.json';
import zhCN from './locales/langs/zh-CN.json';
import { router } from './router/index.ts';
import { installRouteGuard } from './router/guard.ts';

const app = createApp(App);
app.use(createPinia());
app.use(createAppI18n({ 'zh-CN': zhCN, en }));
const queryClient = installQuery(app);
installRouteGuard(router, queryClient);
app.use(router);
app.mount('#app');
