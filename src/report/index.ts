export * from './build-summary.ts';
export * from './classification-summary.ts';
export * from './html-report.ts';
export * from './write-report.ts';
