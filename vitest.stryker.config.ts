// The vitest configuration Stryker runs (stryker.config.mjs). It is the project's own, less the
// end-to-end tests: those spawn the built binary (dist/), which Stryker does not mutate (it
// mutates src/ in a sandbox), so they can never kill a mutant and would only cost minutes per run.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/e2e/**'],
      // Property tests run for every mutant they cover: a few runs each (CI runs 150, npm run fuzz more).
      env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20' },
    },
  }),
);
