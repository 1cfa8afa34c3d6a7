// The vitest configuration Stryker runs (stryker.config.mjs). It is the project's own, less the
// end-to-end tests: those spawn the built binary (dist/), which Stryker does not mutate (it
// mutates src/ in a sandbox), so they can never kill a mutant and would only cost minutes per run.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * Files that take a second or more (measured: `vitest run -c vitest.stryker.config.ts --reporter
 * json`), run after the rest. vitest's own order puts the slowest first, to balance workers; a mutant
 * run is one worker that stops at its first failing test, so the quick files should go first.
 */
const SLOW_FILES = ['/test/report/sarif.test.ts', '/test/report/platform-limits.test.ts', '/test/rubric/cel-bounds.test.ts', '/test/rubric/load.test.ts', '/test/report/junit.test.ts'];

/** The quick example tests first, then the slow files, then property tests (should any be brought back). */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => (f.moduleId.includes('/test/properties/') ? 2 : SLOW_FILES.some((slow) => f.moduleId.endsWith(slow)) ? 1 : 0);
    return [0, 1, 2].flatMap((r) => sorted.filter((f) => rank(f) === r).reverse());
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      // Also left out: the property tests and fast-yaml's differential test. They take nine tenths
      // of the unit suite's time, and a mutant that survives reruns every test that reaches its
      // code: with them a run of the core takes hours. `npm test` and `npm run fuzz` run them.
      // And the 24,000-line profile of the questionnaire: a test that it finishes, not of the core.
      exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/properties/**', 'test/format/fast-yaml.test.ts', 'test/questionnaire/large-profile.test.ts'],
      // Should a property test be brought back: a few runs each (CI runs 150, npm run fuzz more).
      // PARTNER_EVAL_MUTATION: tests that spawn a validator or generate thousands of profiles
      // leave that part out (sarif.test.ts, platform-limits.test.ts).
      env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10', PARTNER_EVAL_MUTATION: '1' },
      sequence: { sequencer: QuickFirst },
      // What CEL builds once and keeps is built anew for each test (see the file).
      setupFiles: ['test/setup/fresh-caches.ts'],
      // One module graph for all the files of a run (each run is a new worker, so nothing carries
      // from one mutant to the next): about four times faster than importing src/ once per file.
      isolate: false,
    },
  }),
);
