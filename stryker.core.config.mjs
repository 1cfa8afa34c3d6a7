// `npm run mutate:core`: the core of stryker.config.mjs, with its own incremental file and report.
import base, { CORE } from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: CORE,
  incrementalFile: 'reports/stryker-incremental-core.json',
  htmlReporter: { fileName: 'reports/mutation-core/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-core/mutation.json' },
  // The issue asks for at least 85% on the core: below it the run fails.
  thresholds: { high: 90, low: 85, break: 85 },
};
