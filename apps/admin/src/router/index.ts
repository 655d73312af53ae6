import { createRouter, createWebHistory } from 'vue-router';
import { routes } from './routes/index.ts';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});
