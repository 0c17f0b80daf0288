import { defineConfig } from 'vitest/config';
import { SLOW_FILES } from './vitest.slow-files.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the package test builds, packs and installs the package: `npm run test:package`;
    // the long end-to-end suites run with `npm run test:slow`
    exclude: ['test/package/**', 'node_modules/**', ...SLOW_FILES],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One module cache per worker process instead of one per file: the per-file start-up
    // (tfjs, DuckDB, apache-arrow, …) was half the suite's time. Tests must not leak state.
    isolate: false,
  },
});
