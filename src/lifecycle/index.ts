export * from './events.ts';
export * from './machine.ts';
export * from './paired-loss-test.ts';
export * from './version-registry.ts';
