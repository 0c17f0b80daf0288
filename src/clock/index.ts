export * from './merge-sorted.ts';
export * from './min-heap.ts';
export * from './replay.ts';
export * from './replay-clock.ts';
export * from './bar-bucket.ts';
export * from './bar-grid.ts';
export * from './live-clock.ts';
export * from './wall-clock.ts';
