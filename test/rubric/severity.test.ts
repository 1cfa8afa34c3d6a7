// The one order of severities and of verdicts: what every report lists first, and what a worse
// verdict or a more severe flag means wherever the tool compares them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVerdicts, isWorse, VERDICTS, type Verdict } from '../../src/engine/score.js';
import { compareSeverities, moreSevere, RED_FLAG_SEVERITIES, SEVERITIES, type Severity } from '../../src/rubric/severity.js';

describe('severity order', () => {
  it('is the order of the score table in docs/rules.md, most severe first', () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('| severity | effect |'));
    const documented = [...table.matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]);
    expect(SEVERITIES).toEqual(documented);
  });
  it('picks the more severe of two whichever comes first, and sorts the most severe first', () => {
    expect(moreSevere('low', 'medium')).toBe('medium');
    expect(moreSevere('medium', 'low')).toBe('medium');
    expect(moreSevere('green', 'blocker')).toBe('blocker');
    expect((['green', 'low', 'blocker', 'medium', 'high'] satisfies Severity[]).sort(compareSeverities)).toEqual(['blocker', 'high', 'medium', 'low', 'green']);
  });
  it('counts every severity but green as a red flag', () => {
    expect(RED_FLAG_SEVERITIES).toEqual(['blocker', 'high', 'medium', 'low']);
  });
});

describe('verdict order', () => {
  it('runs from GO to NO-GO, and a verdict is worse only than those before it', () => {
    expect(VERDICTS).toEqual(['GO', 'CONDITIONAL', 'NO-GO']);
    expect(isWorse('NO-GO', 'CONDITIONAL')).toBe(true);
    expect(isWorse('CONDITIONAL', 'GO')).toBe(true);
    expect(isWorse('GO', 'CONDITIONAL')).toBe(false);
    expect(isWorse('CONDITIONAL', 'CONDITIONAL')).toBe(false);
    expect((['NO-GO', 'GO', 'CONDITIONAL'] satisfies Verdict[]).sort(compareVerdicts)).toEqual(['GO', 'CONDITIONAL', 'NO-GO']);
  });
});
