export * from './model.ts';
export * from './naive-direction.ts';
export * from './online-logistic.ts';
export * from './snapshot-codec.ts';
