export * from './clock.ts';
export * from './errors.ts';
export * from './random.ts';
export * from './time.ts';
export * from './types.ts';
export * from './math.ts';
export * from './group-by.ts';
export * from './market-tick.ts';
