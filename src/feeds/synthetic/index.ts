export * from './coefficient-path.ts';
export * from './markov.ts';
export * from './resolve-synthetic-spec.ts';
export * from './synthetic-market.ts';
export * from './synthetic-source.ts';
export * from './synthetic-spec.ts';
