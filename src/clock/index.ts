export * from './merge-sorted.ts';
export * from './min-heap.ts';
export * from './replay.ts';
export * from './replay-clock.ts';
