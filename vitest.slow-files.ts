/**
 * End-to-end suites that run long (worker processes, a Redis queue, kill -9, whole-library
 * scenarios, neural runs, generated markets): outside the default `npm test`, which stays under
 * about five minutes on two cores; `npm run test:slow` runs them.
 */
export const SLOW_FILES = [
  'test/e2e/sweep.test.ts',
  'test/e2e/feeds.test.ts',
  'test/e2e/crash.test.ts',
  'test/e2e/neural.test.ts',
  'test/library/**',
];
