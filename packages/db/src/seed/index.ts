export * from './demo.ts';
export * from './factories.ts';
export * from './reference-data.ts';
export * from './resources.ts';
export * from './register.ts';
export * from './events.ts';
export * from './demo-2022.ts';
