// Mutation testing only (vitest.stryker.config.ts). Stryker runs, for each mutant, the tests that
// reached its line in a first run with coverage. Code whose result is kept (a CEL environment, a
// compiled leaf, a converter) runs in the first test that needs it and is reused by the others, so
// only that first test would count as reaching it. Forgetting the kept results before each test
// makes each test build what it uses, with the mutant on.
import { beforeEach } from 'vitest';
import { forgetCaches } from '../../src/rubric/cel.js';

beforeEach(() => {
  forgetCaches();
});
