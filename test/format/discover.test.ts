// What a folder walk leaves out: the exact files given (the config, the rubric) and the config's
// `exclude` globs, relative to the config's folder; a pattern that matches a folder leaves out
// everything in it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exclusion } from '../../src/format/discover.js';

const dir = path.resolve('/repo/partners');
const at = (relative: string) => path.join(dir, ...relative.split('/'));

describe('exclusion', () => {
  it('leaves out a folder however its pattern is written, and only that folder', () => {
    for (const pattern of ['rubrics', 'rubrics/', 'rubrics/**']) {
      const excluded = exclusion([], { dir, patterns: [pattern] });
      expect(excluded.has(at('rubrics/ours.yaml')), pattern).toBe(true);
      expect(excluded.has(at('rubrics/tests/ours.yaml')), pattern).toBe(true);
      expect(excluded.has(at('profiles/rubrics.yaml')), pattern).toBe(false);
      expect(excluded.has(at('profiles/rubrics/acme.yaml')), pattern).toBe(false);
    }
    // `name/` is a folder: a file of that name stays.
    expect(exclusion([], { dir, patterns: ['drafts/'] }).has(at('drafts'))).toBe(false);
    expect(exclusion([], { dir, patterns: ['drafts'] }).has(at('drafts'))).toBe(true);
  });

  it('matches globs relative to the config folder, dot folders included, never what is outside it', () => {
    const excluded = exclusion([], { dir, patterns: ['**/*.draft.yaml', '.github/'] });
    expect(excluded.has(at('profiles/newco.draft.yaml'))).toBe(true);
    expect(excluded.has(at('newco.draft.yaml'))).toBe(true);
    expect(excluded.has(at('.github/workflows/ci.yml'))).toBe(true);
    expect(excluded.has(at('profiles/newco.yaml'))).toBe(false);
    expect(excluded.has(path.resolve('/repo/other/x.draft.yaml'))).toBe(false);
  });

  it('leaves out the exact files given, with or without globs', () => {
    expect(exclusion([at('.partner-eval.yaml')]).has(at('.partner-eval.yaml'))).toBe(true);
    expect(exclusion([at('rubric.yaml')], { dir, patterns: ['x/'] }).has(at('rubric.yaml'))).toBe(true);
    expect(exclusion([at('rubric.yaml')]).has(at('profiles/acme.yaml'))).toBe(false);
  });
});
