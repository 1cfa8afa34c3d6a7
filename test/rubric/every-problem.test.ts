// A rubric reports every problem it has in one load, as `rubric lint` shows them: a schema problem
// in one rule (or one field) leaves the rest checked, and a misspelt field in a condition or a
// message names the field it may mean, as a misspelt profile key does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRubricFile, loadRubric } from '../../src/rubric/load.js';
import { formatProblem, RubricError } from '../../src/util/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-every-problem-'));
let n = 0;
function rubricFile(body: string): string {
  const file = path.join(dir, `r${n++}.yaml`);
  writeFileSync(file, body);
  return file;
}
/** Every problem, one line each, with the file shown as R. */
function problemsOf(body: string, load: (file: string) => unknown = loadRubric): string[] {
  const file = rubricFile(body);
  try {
    load(file);
  } catch (error) {
    if (error instanceof RubricError) return error.problems.map((p) => formatProblem(p).replace(path.relative(process.cwd(), file), 'R'));
    throw error;
  }
  return [];
}

const head = 'version: 1\nname: ours\nrules:\n';
/** A complete partner rule, with `fields` replacing or adding to its own. */
function rule(id: string, fields: Record<string, string> = {}): string {
  const all: Record<string, string> = { title: 'Mine', scope: 'partner', severity: 'medium', when: 'partner.keyPeople.singleContact', message: 'm', mitigation: 'x', rationale: 'y', ...fields };
  return `  - id: ${id}\n${Object.entries(all).filter(([, v]) => v !== '').map(([k, v]) => `    ${k}: ${v}\n`).join('')}`;
}

describe('a rubric with several problems', () => {
  it('reports a missing rationale and the misspelt field two lines below it, with the field it may mean', () => {
    const problems = problemsOf(head + rule('quiet-sponsor', { rationale: '', when: 'partner.sponsor.levle == "manager"' }));
    expect(problems).toEqual([
      'R:4:5 rules[0]: rule "quiet-sponsor": expected rationale (required), got nothing',
      'R:8:11 rules[0].when: rule "quiet-sponsor": CEL type error: No such key: levle in partner.sponsor (did you mean "level"?)',
    ]);
  });

  it('checks every other rule, and the rest of the same rule, past a schema problem', () => {
    const body = head
      + rule('loud', { severity: 'huge', when: 'partner.sponsr.level == "vp"' })
      + rule('other', { when: 'partner.sponsor.levle == "none"', message: '"{{ partner.nam }}"' });
    expect(problemsOf(body)).toEqual([
      'R:7:15 rules[0].severity: expected one of blocker, high, medium, low, green, got "huge"',
      'R:8:11 rules[0].when: rule "loud": CEL type error: No such key: sponsr in partner (did you mean "sponsor"?)',
      'R:16:11 rules[1].when: rule "other": CEL type error: No such key: levle in partner.sponsor (did you mean "level"?)',
      'R:17:14 rules[1].message: rule "other": in {{ partner.nam }}: CEL type error: No such key: nam in partner (did you mean "name"?)',
    ]);
  });

  it('says a field the schema refused once: not again as missing, nor a misspelt key as a missing field', () => {
    const problems = problemsOf(head + rule('mine', { title: '', severity: 'huge', titel: 'Mine' }));
    expect(problems).toEqual([
      'R:6:15 rules[0].severity: expected one of blocker, high, medium, low, green, got "huge"',
      expect.stringMatching(/^R:11:5 rules\[0\]\.titel: .*got unknown key "titel" \(did you mean "title"\?\)$/),
    ]);
  });

  it('checks a duplicate rule too, and what follows it', () => {
    const body = head + rule('mine') + '  - id: mine\n    when: partner.sponsor.actve\n' + rule('next', { when: 'metrics.skinRatoi < 0.5' });
    expect(problemsOf(body)).toEqual([
      'R:12:9 rules[1].id: expected a unique rule id, got "mine" again (first at rules[0])',
      'R:13:11 rules[1].when: rule "mine": CEL type error: No such key: actve in partner.sponsor (did you mean "active"?)',
      'R:18:11 rules[2].when: rule "next": CEL type error: No such key: skinRatoi in metrics (did you mean "skinRatio"?)',
    ]);
  });

  it('checks an escalation whose severity is wrong, and skips only the texts that use a param the schema refused', () => {
    const body = head + rule('mine', {
      params: '{ limit: [ { a: 1 } ], days: 30 }',
      when: 'metrics.daysSinceReview > params.limit',
      message: '"{{ string(params.days) }} days, {{ partner.nme }}"',
      escalate: '[ { severity: worst, when: partner.sponsor.actve } ]',
    });
    // The condition uses params.limit, whose value is wrong: it is not checked, and not said to
    // use an undeclared param. The message, which uses only params.days, is.
    expect(problemsOf(body)).toEqual([
      'R:9:14 rules[0].message: rule "mine": in {{ partner.nme }}: CEL type error: No such key: nme in partner (did you mean "name"?)',
      'R:12:22 rules[0].params.limit: expected a valid value, got a list',
      'R:13:29 rules[0].escalate[0].severity: expected one of blocker, high, medium, low, green, got "worst"',
      'R:13:42 rules[0].escalate[0].when: rule "mine": CEL type error: No such key: actve in partner.sponsor (did you mean "active"?)',
    ]);
  });

  it('reports every misspelt field of one condition and every bad placeholder of one message', () => {
    const body = head + rule('deal', {
      scope: 'opportunity',
      when: 'has(opportunity.ask.tryAndBuy.systemValu) && metrics.skinRatoi < 0.5',
      message: '"{{ money(opportunity.ask.tryAndBuy.systemValu) }} for {{ opportunity.customer.nme }}"',
    });
    expect(problemsOf(body)).toEqual([
      'R:8:11 rules[0].when: rule "deal": CEL type error: No such key: systemValu in opportunity.ask.tryAndBuy (did you mean "systemValue"?)',
      'R:8:11 rules[0].when: rule "deal": CEL type error: No such key: skinRatoi in metrics (did you mean "skinRatio"?)',
      'R:9:14 rules[0].message: rule "deal": in {{ money(opportunity.ask.tryAndBuy.systemValu) }}: CEL type error: No such key: systemValu in opportunity.ask.tryAndBuy (did you mean "systemValue"?)',
      'R:9:14 rules[0].message: rule "deal": in {{ opportunity.customer.nme }}: CEL type error: No such key: nme in opportunity.customer (did you mean "name"?)',
    ]);
  });

  it('lists the keys there are when no key is near the one written', () => {
    const [problem] = problemsOf(head + rule('mine', { when: 'partner.sponsor.zzzzzzzz' }));
    expect(problem).toBe('R:8:11 rules[0].when: rule "mine": CEL type error: No such key: zzzzzzzz in partner.sponsor (expected one of level, active, previous)');
  });

  it('still checks the rules of a rubric whose base is missing, without calling the changes it makes to that base incomplete', () => {
    const body = 'version: 1\nname: ours\nextends: [defualt]\nrules:\n  - id: thin-deal\n    severity: medium\n    when: opportunity.marginPrecent < 10.0\n';
    expect(problemsOf(body)).toEqual([
      'R:3:11 extends[0]: expected a built-in rubric name or a rubric file, got "defualt"',
      'R:7:11 rules[0].when: rule "thin-deal": CEL type error: No such key: marginPrecent in opportunity (did you mean "marginPercent"?)',
    ]);
  });

  it('reports the problems of a base and of the rubric extending it together, file by file', () => {
    const base = rubricFile(head + rule('base-rule', { scope: 'sideways' }));
    const body = `version: 1\nname: top\nextends: [${path.basename(base)}]\nthreshold: { go: 80 }\nrules:\n${rule('top-rule', { when: 'partner.agreement.writen' })}`;
    const problems = problemsOf(body);
    expect(problems).toEqual([
      expect.stringMatching(/^R:4:1 threshold: .*got unknown key "threshold" \(did you mean "thresholds"\?\)$/),
      'R:10:11 rules[0].when: rule "top-rule": CEL type error: No such key: writen in partner.agreement (did you mean "written"?)',
      `${path.relative(process.cwd(), base)}:6:12 rules[0].scope: expected one of partner, opportunity, got "sideways"`,
    ]);
  });

  it('gives the same full list to every command that loads the rubric, as to rubric lint', () => {
    const body = head + rule('quiet-sponsor', { rationale: '', when: 'partner.sponsor.levle == "manager"' }) + rule('b', { severity: 'huge' });
    expect(problemsOf(body, loadRubric)).toEqual(problemsOf(body, compileRubricFile));
    expect(problemsOf(body)).toHaveLength(3);
  });
});

describe('field paths in conditions and messages', () => {
  it('accepts every field of the format, below a union and inside has() too', () => {
    const body = head + rule('deal', {
      scope: 'opportunity',
      when: 'opportunity.ask.tryAndBuy != false && has(opportunity.ask.tryAndBuy.systemValue) && opportunity.ask.tryAndBuy.systemValue > 0.0 && metrics.capitalAtRisk > 0.0',
      message: '"{{ has(opportunity.customer.incumbentVendor) ? opportunity.customer.incumbentVendor : \'them\' }}"',
    });
    expect(problemsOf(body)).toEqual([]);
  });

  it('catches a misspelt field that CEL\'s types cannot see: inside has(), and below a union', () => {
    expect(problemsOf(head + rule('mine', { when: 'has(partner.sponsor.levle)' }))).toEqual(['R:8:11 rules[0].when: rule "mine": CEL type error: No such key: levle in partner.sponsor (did you mean "level"?)']);
    expect(problemsOf(head + rule('deal', { scope: 'opportunity', when: 'opportunity.ask.tryAndBuy.systemValu > 1.0' }))).toEqual(['R:8:11 rules[0].when: rule "deal": CEL type error: No such key: systemValu in opportunity.ask.tryAndBuy (did you mean "systemValue"?)']);
  });
});
