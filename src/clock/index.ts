export * from './merge-sorted.ts';
export * from './min-heap.ts';
export * from './paced-replay.ts';
export * from './replay.ts';
export * from './replay-clock.ts';
export * from './schedule-every.ts';
export * from './time-slice.ts';
