export * from './load-scenario.ts';
export * from './schema.ts';
export * from './suggest.ts';
export * from './json-schema.ts';
