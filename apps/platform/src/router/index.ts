import { createRouter, createWebHistory } from 'vue-router';
import { routes } from './routes.ts';

export function createPlatformRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash, top: 16 } : { top: 0 }),
  });
}
