// Every rule of the default rubric has its own test file, named after its id, and every rule test
// file names a rule that exists (a misspelled id fails here).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rubric } from '../helpers/assess.js';

const testFiles = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.ts') && f !== 'index.test.ts').map((f) => f.replace(/\.test\.ts$/, ''));

describe('rule tests', () => {
  it('cover every rule of the default rubric', () => {
    expect(testFiles.sort()).toEqual(rubric().rules.map((r) => r.id).sort());
  });
  it('cover every rule id of rules.md, with a seed source where rules.md names one', () => {
    const ids = rubric().rules.map((r) => r.id);
    for (const id of ['no-skin-in-the-game', 'try-and-buy-leverage', 'missing-backlink', 'restricted-sale-pricing', 'traffic-to-competitors', 'stale-review', 'clear-agreement']) expect(ids).toContain(id);
    expect(ids).toHaveLength(39);
    for (const rule of rubric().rules) if (rule.id !== 'stale-review') expect(rule.source, rule.id).toMatch(/^00\d_[0-9a-f]{16}\.txt/);
  });
});
