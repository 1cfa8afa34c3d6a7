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
      // Also left out: the property tests and fast-yaml's differential test. They take nine tenths
      // of the unit suite's time, and a mutant that survives reruns every test that reaches its
      // code: with them a run of the core takes hours. `npm test` and `npm run fuzz` run them.
      exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/properties/**', 'test/format/fast-yaml.test.ts'],
      // Should a property test be brought back: a few runs each (CI runs 150, npm run fuzz more).
      env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10' },
      sequence: { sequencer: PropertiesLast },
      // One module graph for all the files of a run (each run is a new worker, so nothing carries
      // from one mutant to the next): about four times faster than importing src/ once per file.
      isolate: false,
    },
  }),
);
