// Mutation testing (docs/mutation.md): `npm run mutate` mutates all of src/, `npm run mutate:core`
// the core below. Both are incremental: a run retests only the mutants whose code or tests changed
// since the last one (reports/stryker-incremental*.json). Too long for CI; run it by hand.
import process from 'node:process';

/**
 * The core: what decides a verdict, a score, an exit code, an annotation or a written file. The one
 * list to update when a module moves. `file.ts:from-to` mutates only those lines.
 */
export const CORE = [
  'src/engine/score.ts',
  'src/engine/judgement.ts',
  'src/engine/metrics.ts',
  'src/rubric/cel.ts',
  'src/format/validate.ts',
  // The waivers: applyWaivers and waiverProblems (lines move when the file changes: check them).
  'src/engine/evaluate.ts:302-337',
  'src/report/sarif.ts',
  'src/report/github.ts',
  'src/util/write.ts',
  // The fail policy: isEnded, reachesFailOn, failingKeys and problemsThatFail.
  'src/engine/report-model.ts:147-208',
  // Where the money in every message comes from.
  'src/util/money.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.stryker.config.ts',
  },
  // Mutants TypeScript rejects are left out (CompileError) before any test runs. The checker holds
  // one of the two processes until it has seen every mutant, and on a loaded machine it is the
  // slower of the two: STRYKER_NO_CHECKER=1 gives both to test runners (such mutants then run).
  checkers: process.env.STRYKER_NO_CHECKER ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: ['src/**/*.ts'],
  coverageAnalysis: 'perTest',
  // A static mutant is one in code that runs only when a module loads (a table such as
  // SEVERITY_RANK or github's LEVEL): no test can be told apart from another for it, so each would
  // rerun every test file in one worker, about 97% of the run's time. Stryker leaves them out of
  // the score; the tables that decide behaviour are pinned by tests checked by hand-made mutation
  // (docs/mutation.md). Mutants also reached from inside tests still run, with those tests.
  ignoreStatic: true,
  // Two cores, shared: never more than two test runners.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // A mutant that loops forever is detected when its tests take 1.5 times as long as without it,
  // plus these 5 seconds.
  timeoutMS: 5_000,
  // The initial run, with coverage per test, runs the unit suite in one worker: minutes.
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
