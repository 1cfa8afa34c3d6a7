// Rubrics load checked: a bad rule is an error at the rubric's own file:line, before any profile
// is read; `extends` merges field by field; the build's compiled copy matches the YAML.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRubricsDigest, compileRubricFile, loadRubric, precompiledRubricFile, resolveRubric } from '../../src/rubric/load.js';
import { formatProblem, RubricError } from '../../src/util/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-rubric-'));
let n = 0;
function rubricFile(body: string): string {
  const file = path.join(dir, `r${n++}.yaml`);
  writeFileSync(file, body);
  return file;
}
function problemsOf(file: string): string[] {
  try {
    loadRubric(file);
  } catch (error) {
    if (error instanceof RubricError) return error.problems.map((p) => formatProblem(p).replace(`${path.relative(process.cwd(), file)}`, 'R'));
    throw error;
  }
  return [];
}
const rule = (fields: string) => `version: 1\nname: ours\nrules:\n  - id: my-rule\n    title: Mine\n    scope: partner\n    severity: medium\n    message: m\n    mitigation: x\n    rationale: y\n${fields}`;

describe('loadRubric', () => {
  it('loads the default rubric: its rules, thresholds and points of rules.md', () => {
    const r = loadRubric('default');
    expect(r.rules.map((x) => x.id)).toEqual(compileRubricFile(resolveRubric('default')).rules.map((x) => x.id));
    expect(r.rules.length).toBeGreaterThan(0);
    expect(r.thresholds).toEqual({ go: 75, noGo: 50 });
    expect(r.points).toEqual({ blocker: 40, high: 15, medium: 8, low: 3, green: 5 });
  });

  it('reports a CEL syntax error at the rule\'s when', () => {
    expect(problemsOf(rubricFile(rule('    when: partner.keyPeople.singleContact &&\n')))).toEqual(['R:11:11 rules[0].when: rule "my-rule": invalid CEL: Unexpected token: EOF']);
  });

  it('reports a misspelt field as a type error, before any profile is read', () => {
    expect(problemsOf(rubricFile(rule('    when: partner.keyPeople.singleContct\n')))[0]).toMatch(/^R:11:11 rules\[0\]\.when: rule "my-rule": CEL type error: No such key: singleContct/);
  });

  it('reports a condition that is not a bool', () => {
    expect(problemsOf(rubricFile(rule('    when: partner.conduct.qualityIncidents + 1\n')))[0]).toMatch(/^R:11:11 rules\[0\]\.when: .*expected a condition of type bool, got int/);
  });

  it('reports a bad template placeholder', () => {
    const file = rubricFile(rule('    when: partner.keyPeople.singleContact\n').replace('message: m', 'message: "{{ partner.nme }}"'));
    expect(problemsOf(file)[0]).toMatch(/^R:8:14 rules\[0\]\.message: rule "my-rule": in \{\{ partner\.nme \}\}: CEL type error/);
  });

  it('rejects a partner rule that reads the opportunity', () => {
    expect(problemsOf(rubricFile(rule('    when: opportunity.marginPercent < 10.0\n')))[0]).toMatch(/expected a partner-scope rule to read partner and partner metrics only, got opportunity\.marginPercent/);
  });

  it('rejects duplicate ids, unknown keys and missing fields', () => {
    const twice = rule('    when: partner.keyPeople.singleContact\n') + '  - id: my-rule\n    when: "true"\n';
    expect(problemsOf(rubricFile(twice))[0]).toMatch(/^R:12:9 rules\[1\]\.id: expected a unique rule id, got "my-rule" again/);
    expect(problemsOf(rubricFile(rule('    when: "true"\n    severty: high\n')))[0]).toMatch(/rules\[0\]\.severty: .*got unknown key "severty" \(did you mean "severity"\?\)/);
    expect(problemsOf(rubricFile('version: 1\nname: x\nrules:\n  - id: lonely\n'))[0]).toBe('R:4:5 rules[0]: rule "lonely": expected title (required), got nothing');
  });

  it('never runs rubric text as JavaScript', () => {
    const file = rubricFile(rule('    when: "process.exit(3)"\n'));
    expect(problemsOf(file)[0]).toMatch(/invalid CEL|CEL type error/);
  });

  it('extends another rubric: later wins, field by field', () => {
    const file = rubricFile(`version: 1\nname: stricter\nextends: [default]\nthresholds: { go: 85 }\nrules:\n  - id: stale-review\n    enabled: false\n  - id: thin-deal\n    severity: medium\n`);
    const r = loadRubric(file);
    expect(r.name).toBe('stricter');
    expect(r.thresholds).toEqual({ go: 85, noGo: 50 });
    expect(r.rules.find((x) => x.id === 'stale-review')!.enabled).toBe(false);
    expect(r.rules.find((x) => x.id === 'thin-deal')).toMatchObject({ severity: 'medium', when: 'opportunity.marginPercent < params.minMarginPercent', params: { minMarginPercent: { value: 15, numberKind: 'double' } } });
  });

  it('inherits the verdict policy, and lets a rubric set its own', () => {
    expect(loadRubric('default').decideOn).toBe('worst-case');
    expect(loadRubric(rubricFile('version: 1\nname: relaxed\nextends: [default]\ndecideOn: blockers\n')).decideOn).toBe('blockers');
    expect(problemsOf(rubricFile('version: 1\nname: odd\nextends: [default]\ndecideOn: sometimes\n'))[0]).toMatch(/decideOn: expected one of worst-case, blockers/);
  });

  it('refuses points that fall as severity rises: the worst case of an open fact must cost the most', () => {
    const file = rubricFile('version: 1\nname: odd\nextends: [default]\npoints: { medium: 30, high: 10 }\n');
    expect(problemsOf(file)).toEqual([expect.stringMatching(/:4:1 points: expected points that do not fall as severity rises \(blocker ≥ high ≥ medium ≥ low\), got medium 30 above high 10$/)]);
  });

  it('refuses a noGo threshold above go, at the thresholds, and accepts them equal', () => {
    expect(problemsOf(rubricFile('version: 1\nname: odd\nextends: [default]\nthresholds: { go: 60, noGo: 70 }\n'))).toEqual(['R:4:1 thresholds: expected noGo (70) at or below go (60)']);
    // Raising noGo alone past the inherited go is the same mistake.
    expect(problemsOf(rubricFile('version: 1\nname: odd\nextends: [default]\nthresholds: { noGo: 80 }\n'))).toEqual(['R:4:1 thresholds: expected noGo (80) at or below go (75)']);
    expect(loadRubric(rubricFile('version: 1\nname: even\nextends: [default]\nthresholds: { go: 60, noGo: 60 }\n')).thresholds).toEqual({ go: 60, noGo: 60 });
  });

  it('records where each rule came from and which rubric changed which fields', () => {
    const file = rubricFile(`version: 1\nname: ours\nextends: [reseller]\nrules:\n  - id: thin-deal\n    enabled: false\n    params: { minMarginPercent: 20 }\n`);
    const thin = loadRubric(file).rules.find((x) => x.id === 'thin-deal')!;
    expect(thin.definedAt).toMatchObject({ rubric: 'default', file: 'default (built-in)' });
    expect(thin.changedBy.map((c) => [c.rubric, c.fields])).toEqual([['reseller', ['severity', 'rationale', 'source']], ['ours', ['enabled', 'params.minMarginPercent']]]);
    expect(thin.changedBy[1]).toMatchObject({ file: path.relative(process.cwd(), file), line: 5 });
    const untouched = loadRubric(file).rules.find((x) => x.id === 'key-person-dependency')!;
    expect(untouched.changedBy).toEqual([]);
  });

  it('reports an extends entry that is neither built in nor a file', () => {
    expect(problemsOf(rubricFile('version: 1\nname: x\nextends: [defualt]\n'))).toEqual(['R:3:11 extends[0]: expected a built-in rubric name or a rubric file, got "defualt"']);
  });
});

describe('the built-in rubric as the build compiled it', () => {
  it('is the same as compiling its YAML now (run `npm run build` after editing rubrics/)', () => {
    const compiled = precompiledRubricFile('default');
    if (!existsSync(compiled)) return expect.fail('dist/rubrics/default.json is missing: the test script builds first');
    const fromYaml = JSON.parse(JSON.stringify(compileRubricFile(resolveRubric('default')))) as unknown;
    expect(JSON.parse(readFileSync(compiled, 'utf8'))).toEqual({ sourceSha256: builtinRubricsDigest(), rubric: fromYaml });
  });
});

describe('the rubric example in docs/rubrics.md', () => {
  it('loads, extends default and changes what it says it changes', () => {
    const doc = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'rubrics.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = loadRubric(rubricFile(example));
    expect(r.thresholds.go).toBe(80);
    expect(r.points.high).toBe(20);
    expect(r.rules.find((x) => x.id === 'stale-review')!.enabled).toBe(false);
    expect(r.rules.find((x) => x.id === 'no-reseller-without-nda')).toMatchObject({ scope: 'partner', severity: 'high' });
    expect(r.rules).toHaveLength(loadRubric('default').rules.length + 1);
  });
});

describe('the built-in rubrics beyond default', () => {
  it('reseller weighs what a VAR depends on more, and says why', () => {
    const base = loadRubric('default');
    const reseller = loadRubric('reseller');
    const severity = (r: typeof base, id: string) => r.rules.find((x) => x.id === id)!.severity;
    for (const id of ['quality-below-standard', 'no-non-solicit', 'poor-communication', 'low-engagement']) {
      expect(severity(base, id)).not.toBe('high');
      expect(severity(reseller, id)).toBe('high');
      expect(reseller.rules.find((x) => x.id === id)!.rationale).not.toBe(base.rules.find((x) => x.id === id)!.rationale);
    }
    expect(severity(reseller, 'thin-deal')).toBe('medium');
    expect(reseller.rules).toHaveLength(base.rules.length);
  });

  it('services weighs what a consultant depends on more, and says why', () => {
    const services = loadRubric('services');
    for (const id of ['free-consulting', 'partner-controls-commercials', 'cash-flow-strain', 'key-person-dependency', 'partner-out-of-depth']) {
      const rule = services.rules.find((x) => x.id === id)!;
      expect(rule.severity).toBe('high');
      expect(rule.source).toBe('003_df108b996232611f.txt');
    }
    expect(services.rules.find((x) => x.id === 'free-consulting')!.escalate.map((e) => e.severity)).toEqual(['blocker']);
  });
});

describe('rubric params', () => {
  const withParams = (params: string, when: string, message = 'm') => rule(`    params: ${params}\n    when: ${when}\n`).replace('    message: m\n', `    message: "${message}"\n`);

  it('binds a param into the condition and the message', () => {
    const r = loadRubric(rubricFile(withParams('{ maxDays: 45 }', 'partner.engagement.contactEveryDays > params.maxDays', 'over {{ params.maxDays }} days')));
    const mine = r.rules.find((x) => x.id === 'my-rule')!;
    expect(mine.params).toEqual({ maxDays: { value: 45, numberKind: 'int' } });
    expect(JSON.stringify(mine.logic)).toContain('partner.engagement.contactEveryDays > 45');
    expect(mine.message.parts).toContainEqual({ expression: '45', run: '45', reads: [] });
  });

  it('lets a rubric that extends default tune a threshold, and the verdicts follow', () => {
    const base = loadRubric('default').rules.find((x) => x.id === 'no-skin-in-the-game')!;
    const tuned = loadRubric(rubricFile('version: 1\nname: ours\nextends: [default]\nrules:\n  - id: no-skin-in-the-game\n    params: { minSkinRatio: 1 }\n')).rules.find((x) => x.id === 'no-skin-in-the-game')!;
    expect(base.params['minSkinRatio']!.value).toBe(0.25);
    // Declared as 0.25 (a double), so 1 is bound as 1.0: `metrics.skinRatio < 1.0`.
    expect(JSON.stringify(tuned.logic)).toContain('metrics.skinRatio < 1.0');
  });

  it('keeps a param\'s declared type: a whole number stays whole, a number stays a number', () => {
    const ours = (value: string) => rubricFile(`version: 1\nname: ours\nextends: [default]\nrules:\n  - id: value-grab\n    params: { blockerAttempts: ${value} }\n`);
    expect(problemsOf(ours('2.5'))).toEqual(['R:6:32 rules[0].params.blockerAttempts: rule "value-grab": expected params.blockerAttempts to be a whole number (as default declares it: 2), got 2.5']);
    expect(problemsOf(ours('"three"'))).toEqual(['R:6:32 rules[0].params.blockerAttempts: rule "value-grab": expected params.blockerAttempts to be a number (as default declares it: 2), got "three"']);
    expect(problemsOf(ours('3'))).toEqual([]);
    // A number declared with a fraction takes a whole one, and stays a double.
    expect(problemsOf(rubricFile('version: 1\nname: ours\nextends: [default]\nrules:\n  - id: one-way-value\n    params: { maxImbalance: 2 }\n'))).toEqual([]);
  });

  it('reports a param the rule does not declare, naming those it does', () => {
    expect(problemsOf(rubricFile(withParams('{ maxDays: 45 }', 'partner.engagement.contactEveryDays > params.maxDayz')))).toEqual(['R:12:11 rules[0].when: rule "my-rule": expected a param of this rule, got params.maxDayz (did you mean params.maxDays? its params: maxDays)']);
  });

  it('reports a param set and never used (often a misspelt name)', () => {
    const file = rubricFile('version: 1\nname: ours\nextends: [default]\nrules:\n  - id: thin-deal\n    params: { minMarginPct: 20.0 }\n');
    expect(problemsOf(file)).toEqual(['R:6:15 rules[0].params.minMarginPct: rule "thin-deal": expected params.minMarginPct to be used by the rule\'s when, escalate or messages, got no use of it (did you mean "minMarginPercent"?)']);
  });

  it('refuses params on its own and param names that are not plain words', () => {
    expect(problemsOf(rubricFile(withParams('{ a: 1 }', 'size(params) > 0')))[0]).toMatch(/expected params\.<name>, got params on its own/);
    expect(problemsOf(rubricFile(withParams('{ "a-b": 1 }', '"true"')))[0]).toBe('R:11:15 rules[0].params.a-b: expected a param name: letters and digits, starting with a letter, got the key "a-b"');
  });
});
