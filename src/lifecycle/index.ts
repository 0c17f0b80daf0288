export * from './alpha-spending.ts';
export * from './diebold-mariano.ts';
export * from './events.ts';
export * from './machine.ts';
export * from './mixture-e-process.ts';
export * from './paired-loss-test.ts';
export * from './student-t.ts';
export * from './version-registry.ts';
