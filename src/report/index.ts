export * from './build-summary.ts';
export * from './classification-summary.ts';
export * from './compare-report.ts';
export * from './load-report-data.ts';
export * from './render-report.ts';
export * from './write-report.ts';
