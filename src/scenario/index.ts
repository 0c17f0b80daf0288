export * from './load-scenario.ts';
export * from './schema.ts';
export * from './suggest.ts';
export * from './json-schema.ts';
export * from './load-sweep.ts';
export * from './sweep-schema.ts';
