export * from './feature-pipeline.ts';
export * from './sorted-window.ts';
export * from './quality-checker.ts';
export * from './quality-gate.ts';
