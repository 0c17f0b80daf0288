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
  },
});
