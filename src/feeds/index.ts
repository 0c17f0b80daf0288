export * from './bar-source.ts';
export * from './column-map.ts';
export * from './csv-source.ts';
export * from './in-memory-source.ts';
export * from './parse-timestamp.ts';
export * from './split-csv-line.ts';
export * from './symbol-series.ts';
export * from './venues/index.ts';
