export * from './client.ts';
export * as schema from './schema/index.ts';
export { hashPassword, verifyPassword, dummyPasswordHash } from './password.ts';
