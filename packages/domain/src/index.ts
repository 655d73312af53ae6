export * from './accounts.ts';
export * from './districts.ts';
export * from './organizations.ts';
export * from './phone.ts';
export * from './roles.ts';
export * from './spirit.ts';
export * from './uscc.ts';
export * from './time.ts';
