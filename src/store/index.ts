export * from './queries.ts';
export * from './read-store.ts';
export * from './recorder.ts';
export * from './schema.ts';
export * from './merge-runs.ts';
