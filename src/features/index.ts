export * from './feature-pipeline.ts';
export * from './ring-buffer.ts';
