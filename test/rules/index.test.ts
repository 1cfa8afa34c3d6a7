// Every rule of the default rubric has its own test file, named after its id, and every rule test
// file names a rule that exists (a misspelled id fails here).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindParams } from '../../src/rubric/cel.js';
import { rubric } from '../helpers/assess.js';

const testFiles = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.test.ts') && f !== 'index.test.ts').map((f) => f.replace(/\.test\.ts$/, ''));

describe('rule tests', () => {
  it('cover every rule of the default rubric', () => {
    expect(testFiles.sort()).toEqual(rubric().rules.map((r) => r.id).sort());
  });
  it('are the rules docs/rules.md lists, each with a seed source where it names one', () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8').split('## The default rubric')[1]!;
    // A table row of the default rubric's rules starts with its id: | `no-skin-in-the-game` | …
    const documented = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    expect(documented.sort()).toEqual(rubric().rules.map((r) => r.id).sort());
  });

  it('are documented in docs/rules.md as the rubric has them: severity, title and condition', () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8').split('## The default rubric')[1]!;
    for (const [, id, severity, title, when] of doc.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \| `((?:[^`])+)` \|/gm)) {
      const rule = rubric().rules.find((r) => r.id === id)!;
      expect(severity!.trim(), id).toBe([rule.severity, ...rule.escalate.map((e) => e.severity)].join(' → '));
      expect(title!.trim(), id).toBe(rule.title);
      // The condition with its params' values in place, as the rubric compiles it.
      expect(when!.replace(/\\\|/g, '|'), id).toBe(bindParams(rule.when, rule.params));
    }
    for (const rule of rubric().rules) if (rule.id !== 'stale-review') expect(rule.source, rule.id).toMatch(/^00\d_[0-9a-f]{16}\.txt/);
  });
});
