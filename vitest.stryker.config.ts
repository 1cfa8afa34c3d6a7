// The vitest configuration Stryker runs (stryker.config.mjs). It is the project's own, less the
// end-to-end tests: those spawn the built binary (dist/), which Stryker does not mutate (it
// mutates src/ in a sandbox), so they can never kill a mutant and would only cost minutes per run.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * Property tests last: a mutant run stops at its first failing test, and the example tests, which
 * take milliseconds, kill most mutants before the property tests, which take seconds, would start.
 */
class PropertiesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isProperty = (f: TestSpecification) => f.moduleId.includes('/test/properties/');
    return [...sorted.filter((f) => !isProperty(f)), ...sorted.filter(isProperty)];
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/e2e/**'],
      // Property tests run for every mutant they cover: a few runs each (CI runs 150, npm run fuzz more).
      env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10' },
      sequence: { sequencer: PropertiesLast },
      // One module graph for all the files of a run (each run is a new worker, so nothing carries
      // from one mutant to the next): about four times faster than importing src/ once per file.
      isolate: false,
    },
  }),
);
