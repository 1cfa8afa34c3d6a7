import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built binary; two cores, so keep workers modest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
