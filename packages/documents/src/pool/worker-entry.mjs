// A worker thread has no TypeScript loader of its own (neither under vitest nor under tsx): register tsx, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
