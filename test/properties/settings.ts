// Property tests run with a fixed seed in CI; `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
export const SETTINGS = {
  seed: Number(process.env.FUZZ_SEED ?? 20261122),
  numRuns: Number(process.env.FUZZ_RUNS ?? 150),
  // Failures shrink to a minimal case, printed in the test output.
  endOnFailure: false,
};
