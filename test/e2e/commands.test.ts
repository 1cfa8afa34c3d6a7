// explain, rules, help and version, end to end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rubric } from '../helpers/assess.js';
import { BIN, PACKAGE_VERSION, ROOT, run, runOnTerminal, STACK_TRACE } from './exec.js';

describe('explain', () => {
  // One run of the binary per rule: as long as the rubric is, on a loaded machine.
  it('answers for every rule id of the rubric', { timeout: 2_000 * rubric().rules.length }, () => {
    for (const rule of rubric().rules) {
      const r = run(['explain', rule.id]);
      expect(r.code, rule.id).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`${rule.title} (${rule.id})`);
      expect(r.stdout).toContain(`Severity:  ${rule.severity}`);
      expect(r.stdout).toContain(rule.rationale.slice(0, 40));
      expect(r.stdout).toMatch(/Fields it reads\n {2}(partner|opportunity|metrics)\./);
    }
  });

  it('shows the seed, the mitigation and what each field means', () => {
    const r = run(['explain', 'try-and-buy-leverage']);
    expect(r.stdout).toContain('Scope:     opportunity (customer deals only)');
    expect(r.stdout).toContain('Severity:  high; blocker when opportunity.customer.prefersIncumbent');
    expect(r.stdout).toContain('Source: seed 001_2726dab63875a81f.txt');
    expect(r.stdout).toMatch(/What to ask for instead\n {2}Offer remote access/);
    expect(r.stdout).toMatch(/opportunity\.ask\.tryAndBuy\.customized +The system is built to this customer's spec/);
  });

  it('prints JSON with --format json', () => {
    const parsed = JSON.parse(run(['explain', 'stale-review', '--format', 'json']).stdout) as { id: string; reads: string[]; definedAt: { file: string; line: number } };
    expect(parsed).toMatchObject({ id: 'stale-review', reads: ['metrics.daysSinceReview'] });
    expect(parsed.definedAt.file).toBe('rubrics/default.yaml');
    expect(parsed.definedAt.line).toBeGreaterThan(1);
  });

  it('exits 2 for an unknown id, naming the nearest', () => {
    const r = run(['explain', 'no-skin-in-game']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('partner-eval: expected a rule id of the default rubric, got "no-skin-in-game" (did you mean "no-skin-in-the-game"?)\n  hint: run `partner-eval rules` to list them\n');
  });
});

describe('rules', () => {
  it('lists every rule with scope, severity and whether enabled', () => {
    const r = run(['rules']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`^Rubric default \\(rubrics/default\\.yaml\\): ${rubric().rules.length} rules\\. GO at 75\\+, NO-GO below 50\\.`));
    expect(r.stdout).toMatch(/│ no-skin-in-the-game +│ partner +│ high → blocker +│ yes +│ minSkinRatio = 0\.25 +│ default +│/);
  });

  it('shows, for a rubric that extends others, where each rule came from and what changed it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-rules-'));
    writeFileSync(path.join(dir, 'ours.yaml'), 'version: 1\nname: ours\nextends: [reseller]\nrules:\n  - id: thin-deal\n    params: { minMarginPercent: 20 }\n  - id: stale-review\n    enabled: false\n');
    const r = run(['rules', '--rubric', path.join(dir, 'ours.yaml')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/│ thin-deal +│ opportunity +│ medium +│ yes +│ minMarginPercent = 20 +│ default +│\n│ +│ +│ +│ +│ +│ ↳ reseller: severity +│\n│ +│ +│ +│ +│ +│ ↳ ours: params\.minMarginPercent +│/);
    expect(r.stdout).toMatch(/│ stale-review +│ partner +│ low +│ no +│ maxDaysSinceReview = 180 +│ default +│\n│ +│ +│ +│ +│ +│ ↳ ours: enabled +│/);
    const json = JSON.parse(run(['rules', '--rubric', path.join(dir, 'ours.yaml'), '--format', 'json']).stdout) as { rules: { id: string; params: Record<string, unknown>; definedAt: { rubric: string }; changedBy: { rubric: string; fields: string[] }[] }[] };
    const thin = json.rules.find((x) => x.id === 'thin-deal')!;
    expect(thin.params).toEqual({ minMarginPercent: 20 });
    expect(thin.changedBy.map((c) => c.rubric)).toEqual(['reseller', 'ours']);
  });

  it('prints JSON with --format json', () => {
    const parsed = JSON.parse(run(['rules', '--format', 'json']).stdout) as { rubric: { name: string }; rules: { id: string; enabled: boolean; appliesTo: string[] | null }[] };
    expect(parsed.rubric.name).toBe('default');
    // Which kinds of deal each rule judges: null for every kind.
    expect(parsed.rules.find((r) => r.id === 'enablement-for-one-partner')!.appliesTo).toEqual(['enablement']);
    expect(parsed.rules.find((r) => r.id === 'no-skin-in-the-game')!.appliesTo).toBeNull();
    expect(parsed.rules.map((r) => r.id)).toEqual(rubric().rules.map((r) => r.id));
    expect(parsed.rules.every((r) => r.enabled)).toBe(true);
  });
});

describe('a rubric of our own', () => {
  it('changes the verdict through a rule\'s points, params and severity, and says where each came from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partner-eval-ours-'));
    const ours = path.join(dir, 'ours.yaml');
    writeFileSync(ours, 'version: 1\nname: ours\nextends: [default]\nrules:\n  - id: low-engagement\n    points: 40\n  - id: poor-communication\n    params: { maxDaysBetweenContacts: 400 }\n');
    const score = (args: string[]) => (JSON.parse(run(['assess', 'examples/quiet-msp.yaml', '--format', 'json', '--today', '2026-11-22', ...args]).stdout) as { partners: { score: number; verdict: string; findings: { ruleId: string; outcome: string }[] }[] }).partners[0]!;
    const base = score([]);
    const tuned = score(['--rubric', ours]);
    expect(base.verdict).toBe('CONDITIONAL');
    expect(base.findings.filter((f) => ['low-engagement', 'poor-communication'].includes(f.ruleId)).map((f) => f.outcome)).toEqual(['flagged', 'flagged']);
    // low-engagement costs 40 instead of 8; poor-communication no longer flags (8 points back): under 50.
    expect(tuned.findings.find((f) => f.ruleId === 'poor-communication')?.outcome).toBeUndefined();
    expect(base.score - 32 + 8).toBeLessThan(50);
    expect([tuned.verdict, tuned.score]).toEqual(['NO-GO', base.score - 32 + 8]);
    expect(run(['rules', '--rubric', ours]).stdout).toMatch(/│ low-engagement +│ partner +│ medium \(40 points\) +│ yes +│ maxDaysBetweenContacts = 90 +│ default +│\n│ +│ +│ +│ +│ +│ ↳ ours: points +│/);
    expect(run(['explain', 'low-engagement', '--rubric', ours]).stdout).toContain('Severity:  medium; a flag costs 40 points (set by the rubric)');
  });
});

describe('help and version', () => {
  it('every command has --help with an example', () => {
    for (const command of ['assess', 'explain', 'rules']) {
      const r = run([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toMatch(/Examples?:\n {2}\$ partner-eval /);
    }
  });

  it("prints package.json's version", () => {
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });
});

describe('output to a closed pipe', () => {
  it('stops quietly, with no stack trace', () => {
    const r = spawnSync('sh', ['-c', `node ${JSON.stringify(BIN)} assess examples/acme.yaml --verbose | head -n 1`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toMatch(/^ NO-GO {2}Acme Storage/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).toBe('');
  });
});

describe('the documentation', () => {
  it('lists every rule of the default rubric in docs/rules.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(`${ROOT}/docs/rules.md`, 'utf8');
    for (const rule of rubric().rules) expect(doc, rule.id).toContain(`| \`${rule.id}\` |`);
  });
});

describe('where stdout goes', () => {
  it('on a terminal (a pseudo-terminal), the report is in colour, with neither NO_COLOR nor FORCE_COLOR set', () => {
    const r = runOnTerminal(['assess', 'examples/joint-product.yaml', '--today', '2026-11-22']);
    expect(r.code).toBe(0);
    // The verdict's banner, green: colour the terminal alone turned on.
    expect(r.stdout).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).toMatch(/\u001b\[[0-9;]*m GO /);
    expect(r.stdout).not.toMatch(STACK_TRACE);
  });

  it('on a terminal, NO_COLOR and --no-color turn the colour off', () => {
    const plain = runOnTerminal(['assess', 'examples/joint-product.yaml', '--today', '2026-11-22'], { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(' GO ');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(runOnTerminal(['--no-color', 'assess', 'examples/joint-product.yaml', '--today', '2026-11-22']).stdout).not.toContain('\u001b[');
  });

  it('to /dev/null, it runs and exits with the verdict\'s code', () => {
    const r = spawnSync('sh', ['-c', `node ${JSON.stringify(BIN)} assess examples/acme.yaml > /dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([1, '']);
  });
});

describe('rubric lint', () => {
  it('passes the built-in rubric and the documented example', () => {
    const r = run(['rubric', 'lint', 'rubrics/default.yaml']);
    const count = rubric().rules.length;
    expect(r).toEqual({ code: 0, stdout: `rubrics/default.yaml: rubric default, ${count} rules (${count} enabled), no problems.\n`, stderr: '' });
  });

  it('reports each problem at the rubric\'s line, on stderr, and exits 2', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = `${mkdtempSync(`${tmpdir()}/pe-lint-`)}/ours.yaml`;
    writeFileSync(file, 'version: 1\nname: ours\nextends: [default]\nrules:\n  - id: thin-deal\n    when: opportunity.marginPercent < "15"\n  - id: mine\n    title: Mine\n    scope: partner\n    severity: low\n    when: partner.keyPeople.singleContact\n    message: "{{ partner.nam }}"\n    mitigation: m\n    rationale: r\n');
    const r = run(['rubric', 'lint', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ours\.yaml:6:11 rules\[0\]\.when: rule "thin-deal": CEL type error/);
    expect(r.stderr).toMatch(/ours\.yaml:12:14 rules\[1\]\.message: rule "mine": in \{\{ partner\.nam \}\}: CEL type error/);
    expect(r.stderr).toMatch(/\npartner-eval: 2 problem\(s\) in 1 file\(s\)/);
  });
});

describe('rubric lint, every problem in one run', () => {
  it('reports a schema problem, a missing rationale and the misspelt fields past them, with the field each may mean, and exits 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-lint-all-'));
    writeFileSync(path.join(dir, 'ours.yaml'), [
      'version: 1',
      'name: ours',
      'extends: [default]',
      'rules:',
      '  - id: junior-sponsor',
      '    title: Sponsor too junior',
      '    scope: partner',
      '    severity: huge',
      '    when: partner.sponsor.level == "manager"',
      '    message: The sponsor is a manager',
      '    mitigation: Find a VP',
      '    rationale: Juniors cannot commit budget.',
      '  - id: no-sponsor',
      '    title: No sponsor',
      '    scope: partner',
      '    severity: low',
      '    mitigation: Find one',
      '    when: partner.sponsor.levle == "none"',
      '    message: No sponsor',
      '  - id: costly-trial',
      '    title: Costly trial',
      '    scope: opportunity',
      '    severity: high',
      '    when: opportunity.ask.tryAndBuy.systemValu > 100000.0',
      '    message: A costly trial',
      '    mitigation: Ask for a deposit',
      '    rationale: Trials tie up stock.',
      '',
    ].join('\n'));
    const r = run(['rubric', 'lint', 'ours.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'ours.yaml:8:15 rules[0].severity: expected one of blocker, high, medium, low, green, got "huge"',
      'ours.yaml:13:5 rules[1]: rule "no-sponsor": expected rationale (required), got nothing',
      'ours.yaml:18:11 rules[1].when: rule "no-sponsor": CEL type error: No such key: levle in partner.sponsor (did you mean "level"?)',
      'ours.yaml:24:11 rules[2].when: rule "costly-trial": CEL type error: No such key: systemValu in opportunity.ask.tryAndBuy (did you mean "systemValue"?)',
      'partner-eval: 4 problem(s) in 1 file(s); nothing was assessed.',
      '',
    ]);
    // Any command that loads the rubric gets the same list.
    const rules = run(['rules', '--rubric', 'ours.yaml'], { cwd: dir });
    expect([rules.code, rules.stderr]).toEqual([2, r.stderr]);
  });
});

describe('rubric test', () => {
  it("runs the default rubric's own cases", () => {
    const r = run(['rubric', 'test']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^✓ rubrics\/tests\/default\.yaml: the prodigal partner is a NO-GO/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('fails a case whose expectations the rubric does not meet, saying how, and exits 1', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/pe-rubric-test-`);
    writeFileSync(`${dir}/cases.yaml`, 'version: 1\ncases:\n  - name: wrong on purpose\n    partner: { name: P, sponsor: { level: manager } }\n    expect: { verdict: NO-GO, settled: true, rules: { no-executive-sponsor: passed } }\n  - name: right\n    partner: { name: Q, sponsor: { level: vp, active: true } }\n    expect: { rules: { executive-sponsor: flagged } }\n');
    const r = run(['rubric', 'test', dir, '--today', '2026-11-22']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ ');
    expect(r.stdout).toContain('    P: expected verdict NO-GO, got CONDITIONAL\n    P: expected a settled verdict, got an unsettled one (NO-GO at worst, GO at best: partner.investments, ');
    expect(r.stdout).toContain('\n    P: expected no-executive-sponsor passed, got flagged\n');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('reports an invalid test file at its line, and exits 2', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/pe-rubric-test-`);
    writeFileSync(`${dir}/bad.yaml`, 'version: 1\ncases:\n  - name: x\n    expect: { verdict: MAYBE }\n');
    const r = run(['rubric', 'test', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:24 cases\[0\]\.expect\.verdict: expected one of GO, CONDITIONAL, NO-GO, got "MAYBE"/);
  });
});
