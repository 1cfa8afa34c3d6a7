// Property tests run with a fixed seed in CI; `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
export const SETTINGS = {
  seed: Number(process.env.FUZZ_SEED ?? 20261122),
  numRuns: Number(process.env.FUZZ_RUNS ?? 150),
  // Failures shrink to a minimal case, printed in the test output.
  endOnFailure: false,
};

/** Time for a property test, as generous as its runs are many: a loaded CI machine must not fail it. */
export const TIMEOUT = Math.max(120_000, (SETTINGS.numRuns / 150) * 120_000);
