import { defineConfig } from 'vitest/config';
import { SLOW_FILES } from './vitest.slow-files.ts';

/** `npm run test:slow`: the long end-to-end suites kept out of the default `npm test`. */
export default defineConfig({
  test: {
    include: SLOW_FILES.map((f) => (f.endsWith('/**') ? `${f}/*.test.ts` : f)),
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
