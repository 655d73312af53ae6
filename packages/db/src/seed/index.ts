export * from './demo.ts';
export * from './factories.ts';
export * from './reference-data.ts';
