export * from './event-queries.ts';
export * from './queries.ts';
export * from './read-store.ts';
export * from './recorder.ts';
export * from './report-queries.ts';
export * from './schema.ts';
export * from './sql-text.ts';
export * from './timeline-queries.ts';
