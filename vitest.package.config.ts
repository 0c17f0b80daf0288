import { defineConfig } from 'vitest/config';

/** `npm run test:package`: build, pack and install the package into an empty project. */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
