// CEL cannot hang a run (docs/robustness.md): `matches` is RE2, in time linear in the text; a
// rule's evaluation has a budget per entity; a pattern RE2 refuses, or a budget passed, is a
// located rubric problem naming the rule and the entity. Each hostile case runs under a timeout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessPartner } from '../../src/engine/evaluate.js';
import { loadText } from '../../src/format/load.js';
import { MAX_ITERATIONS } from '../../src/rubric/cel.js';
import { compileRubricFile, type Rubric } from '../../src/rubric/load.js';
import { formatProblem, RubricError } from '../../src/util/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pe-cel-bounds-'));
let n = 0;

/** A rubric of one partner rule; `when` is written at line 7, column 11. */
function rubricWith(when: string, scope: 'partner' | 'opportunity' = 'partner'): Rubric {
  const file = path.join(dir, `r${n++}.yaml`);
  writeFileSync(file, `version: 1\nname: bounds\nrules:\n  - id: probe\n    title: Probe\n    scope: ${scope}\n    when: ${JSON.stringify(when)}\n    severity: low\n    message: m\n    mitigation: x\n    rationale: y\n`);
  return compileRubricFile(file);
}

function loadProblems(when: string): string[] {
  try {
    rubricWith(when);
  } catch (error) {
    if (error instanceof RubricError) return error.problems.map((p) => formatProblem(p).replace(/^.*r\d+\.yaml/, 'R'));
    throw error;
  }
  return [];
}

function partner(facts: Record<string, unknown>, opportunities?: Record<string, unknown>[]) {
  const loaded = loadText('profiles/hostile.yaml', stringify({ version: 1, partner: { id: 'hostile', name: 'Hostile', ...facts }, ...(opportunities ? { opportunities } : {}) }));
  expect(loaded.problems).toEqual([]);
  return loaded.partners[0]!;
}

/** The problem an assessment stops with, with the rubric's file name made stable. */
function stoppedWith(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof RubricError) return error.problems.map((p) => formatProblem(p).replace(/^.*r\d+\.yaml/, 'R'));
    throw error;
  }
  return ['(no problem)'];
}

const investments = (count: number) => Array.from({ length: count }, (_, i) => ({ by: i % 2 ? 'us' : 'partner', kind: 'engineering', amount: i + 1 }));
const TODAY = { today: '2026-11-22' };

describe('matches is RE2', () => {
  it('finishes at once on a pattern that backtracks exponentially in JavaScript', { timeout: 5_000 }, () => {
    const rubric = rubricWith('partner.owner.matches("^([A-Za-z]+ ?)+$")');
    const owner = `${'Abcdefghij '.repeat(5)}Abcdefghij!`; // 66 characters: hours for a backtracking engine
    expect(owner.length).toBeGreaterThan(40);
    expect(assessPartner(partner({ owner }), rubric, TODAY).findings.find((f) => f.ruleId === 'probe')?.outcome).toBe('passed');
    expect(assessPartner(partner({ owner: 'Ada Lovelace' }), rubric, TODAY).findings.find((f) => f.ruleId === 'probe')?.outcome).toBe('flagged');
  });

  it('has both of CEL\'s forms, s.matches(re) and matches(s, re), with RE2 syntax', () => {
    const rubric = rubricWith('matches(partner.owner, "^\\\\p{Lu}") && partner.owner.matches("(?i)LOVELACE$")');
    expect(assessPartner(partner({ owner: 'Ada Lovelace' }), rubric, TODAY).findings[0]?.outcome).toBe('flagged');
    expect(assessPartner(partner({ owner: 'ada lovelace' }), rubric, TODAY).findings[0]?.outcome).toBe('passed');
  });

  it('rejects a literal pattern RE2 does not accept when the rubric loads, at the rule\'s when', () => {
    expect(loadProblems('partner.owner.matches("^(?=A)")')).toEqual(['R:7:11 rules[0].when: rule "probe": expected a pattern RE2 accepts (CEL\'s regular expressions: no lookaround, no backreferences), got "^(?=A)": invalid or unsupported Perl syntax: `(?=`']);
    expect(loadProblems('matches(partner.owner, "(a)\\\\1")')).toEqual([expect.stringMatching(/^R:7:11 rules\[0\]\.when: rule "probe": expected a pattern RE2 accepts .*got "\(a\)\\\\1": invalid escape sequence: `\\1`$/)]);
  });

  it('reports a pattern from the data that RE2 refuses as a located problem, not a crash', () => {
    const rubric = rubricWith('partner.owner.matches(partner.name)');
    expect(stoppedWith(() => assessPartner(partner({ name: '(?<!x)y', owner: 'y' }), rubric, TODAY))).toEqual([
      expect.stringMatching(/^R:7:11 rules\[0\]\.when: rule "probe" on partner "hostile" \(profiles\/hostile\.yaml\): expected a regular expression RE2 accepts, got "\(\?<!x\)y": /),
    ]);
  });
});

describe('the cost budget of a rule on one entity', () => {
  it('stops nested macros over a large list promptly, as a located problem naming the rule and partner', { timeout: 10_000 }, () => {
    const rubric = rubricWith('partner.investments.all(a, partner.investments.all(b, a.amount + b.amount > 0.0))');
    const big = partner({ investments: investments(1000) }); // a million steps unbounded (1,000 entries is the most a list holds)
    expect(stoppedWith(() => assessPartner(big, rubric, TODAY))).toEqual([`R:7:11 rules[0].when: rule "probe" on partner "hostile" (profiles/hostile.yaml): expected at most ${MAX_ITERATIONS.toLocaleString('en-US')} macro iterations per rule and entity, got more`]);
  });

  it('still stops when a macro that absorbs errors (exists) would decide anyway', { timeout: 10_000 }, () => {
    const rubric = rubricWith('partner.investments.exists(a, partner.investments.all(b, b.amount > a.amount) || a.amount > 4999.0)');
    expect(stoppedWith(() => assessPartner(partner({ investments: investments(1000) }), rubric, TODAY))[0]).toMatch(/macro iterations per rule and entity, got more$/);
  });

  it('stops a macro that copies a large list on each step (sizes, not only iterations)', { timeout: 10_000 }, () => {
    const rubric = rubricWith('partner.investments.exists(a, size(partner.investments + partner.investments + partner.investments + partner.investments + partner.investments + partner.investments) < 0)');
    expect(stoppedWith(() => assessPartner(partner({ investments: investments(1000) }), rubric, TODAY))[0]).toMatch(/characters and list elements built or read per rule and entity, got more$/);
  });

  it('names the deal when a deal rule passes its budget', { timeout: 10_000 }, () => {
    const rubric = rubricWith('opportunity.commitments.all(a, opportunity.commitments.all(b, a.amount >= b.amount || b.amount >= a.amount))', 'opportunity');
    const commitments = Array.from({ length: 1000 }, (_, i) => ({ by: 'us', kind: 'engineering', amount: i + 1 }));
    expect(stoppedWith(() => assessPartner(partner({}, [{ id: 'big-deal', name: 'Big', commitments }]), rubric, TODAY))[0]).toMatch(/^R:7:11 rules\[0\]\.when: rule "probe" on deal "big-deal" of partner "hostile" \(profiles\/hostile\.yaml\): expected at most/);
  });

  it('is far above one pass over a large list, and starts again for each rule and entity', () => {
    const rubric = rubricWith('partner.investments.filter(i, i.by == "us").map(i, i.amount).exists(a, a > 1000000.0) || partner.investments.all(i, i.amount > 0.0)');
    const large = partner({ investments: investments(1000) });
    for (let i = 0; i < 5; i++) expect(assessPartner(large, rubric, TODAY).findings[0]?.outcome).toBe('flagged');
  });
});

describe('what one call can cost, outside macros too', () => {
  const owner = 'ab'.repeat(450_000); // 900,000 characters: a 1 MB profile can hold it

  it('charges matches as the text times the pattern, so a large pattern over a long text stops', { timeout: 10_000 }, () => {
    const rubric = rubricWith('partner.owner.matches("a[ab]{1000}[ab]{1000}[ab]{1000}[^ab]")');
    expect(stoppedWith(() => assessPartner(partner({ owner }), rubric, TODAY))[0]).toMatch(/^R:7:11 rules\[0\]\.when: rule "probe" on partner "hostile" .*characters and list elements built or read per rule and entity, got more$/);
  });

  it('charges what split and join build, so a value cannot grow past the budget', { timeout: 20_000 }, () => {
    const rubric = rubricWith('partner.owner.split("").join(partner.owner.substring(0, 500)).split("").size() > 0');
    expect(stoppedWith(() => assessPartner(partner({ owner }), rubric, TODAY))[0]).toMatch(/got more$/);
  });

  it('never turns a condition that ran out of room into not-applicable (which would read as GO)', { timeout: 20_000 }, () => {
    const rubric = rubricWith('partner.owner.split("").join(partner.owner).size() > 0');
    expect(stoppedWith(() => assessPartner(partner({ owner }), rubric, TODAY))[0]).toMatch(/^R:7:11 rules\[0\]\.when: rule "probe" on partner "hostile" /);
  });

  it('leaves ordinary calls on ordinary profiles alone', () => {
    const rubric = rubricWith('partner.owner.split(" ").join("-").matches("^[A-Za-z-]+$")');
    expect(assessPartner(partner({ owner: 'Dana Kim' }), rubric, TODAY).findings.find((f) => f.ruleId === 'probe')?.outcome).toBe('flagged');
  });
});
