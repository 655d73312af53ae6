export * from './accounts.ts';
export * from './audit.ts';
export * from './campaigns.ts';
export * from './mail.ts';
export * from './organizations.ts';
export * from './reference.ts';
export * from './notifications.ts';
export * from './applications.ts';
