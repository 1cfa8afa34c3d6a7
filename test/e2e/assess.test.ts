// `partner-eval assess`, end to end: exit codes, stdout and stderr as a user sees them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rubric } from '../helpers/assess.js';
import { PACKAGE_VERSION, run, STACK_TRACE } from './exec.js';

const TODAY = ['--today', '2026-11-22'];

interface JsonFinding {
  ruleId: string;
  outcome: string;
  severity: string;
  message?: string;
  mitigation?: string;
  question?: string;
  missing?: string[];
  evidence: { path: string; file: string; line: number; column: number }[];
}
interface JsonEntity {
  id: string;
  name: string;
  verdict: string;
  score: number;
  findings: JsonFinding[];
}
interface JsonReport {
  reportVersion: number;
  tool: { name: string; version: string };
  rubric: { name: string; version: number };
  partners: (JsonEntity & { file: string; capital: Record<string, unknown>; opportunities: (JsonEntity & { capitalAtRisk: number })[] })[];
  opportunities: (JsonEntity & { capitalAtRisk: number })[];
  summary: Record<string, number>;
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('assess examples/acme.yaml', () => {
  const result = run(['assess', 'examples/acme.yaml', ...TODAY]);

  it('exits 1: a NO-GO reaches the default --fail-on', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('prints the verdict banner, the money at stake and the red flags with evidence and mitigation', () => {
    expect(result.stdout).toMatch(/^ NO-GO {2}Acme Storage \(acme\) examples\/acme\.yaml$/m);
    expect(result.stdout).toContain('Money at stake: we have put in $75,000, the partner $0 (skin ratio 0.00).');
    expect(result.stdout).toMatch(/BLOCKER +No skin in the game \(no-skin-in-the-game\)\n +We have put \$75,000 into this partnership; the partner has put in nothing\.\n +at examples\/acme\.yaml:25:3 partner\.investments\n +Ask instead: Commit nothing more/);
    expect(result.stdout).toMatch(/HIGH +Our results page sends visitors to competitors/);
    expect(result.stdout).toMatch(/MEDIUM +Mentions us without a link/);
  });

  it('reports the try-and-buy deal with its own verdict and capital at risk', () => {
    expect(result.stdout).toMatch(/ NO-GO {2}Deal: University cluster \(university-cluster\)\n {2}Score 0\/100, whatever the 3 open facts turn out to be\.\n {2}This deal asks for a \$400,000 system on loan, and no upfront money of either side\.\n {2}capital at risk \$400,000 · deal value \$250,000/);
    expect(result.stdout.replace(/\s+/g, " ")).toContain("They ask for a $400,000 custom system on an unconditional return within 30 days while preferring BigIron.");
  });

  it('asks the open questions and shows green signals', () => {
    // Each missing fact once; at a score of 0 they cannot change the verdict, only add red flags.
    expect(result.stdout).toContain('  Relationship score 0/100, whatever the 2 open facts turn out to be.\n');
    expect(result.stdout).toMatch(/Open questions: 2 facts could add red flags\n {4}HIGH +How many try-and-buy loans through this partner ended with no sale\?\n {4}MEDIUM +Does the whole relationship hang on one person at the partner\?\n/);
    expect(result.stdout).toContain('+ Direct customer access');
  });

  it('has no colour when NO_COLOR is set, even where FORCE_COLOR would turn it on', () => {
    const forced = run(['assess', 'examples/acme.yaml', ...TODAY], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const both = run(['assess', 'examples/acme.yaml', ...TODAY], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    // eslint-disable-next-line no-control-regex
    expect([both.code, both.stdout]).toEqual([forced.code, forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')]);
    expect(both.stdout).not.toContain('\u001b[');
  });
});

describe('every example', () => {
  const expected: Record<string, { partners: string[]; deals: string[]; code: number }> = {
    'examples/acme.yaml': { partners: ['acme NO-GO'], deals: ['university-cluster NO-GO'], code: 1 },
    'examples/lab-partner.yaml': { partners: ['lab-partner NO-GO'], deals: ['hartwell-expansion NO-GO'], code: 1 },
    'examples/services-reseller.yaml': { partners: ['services-reseller NO-GO'], deals: ['bank-branch-network NO-GO'], code: 1 },
    'examples/departed-sponsor.yaml': { partners: ['departed-sponsor CONDITIONAL'], deals: [], code: 0 },
    'examples/quiet-msp.yaml': { partners: ['quiet-msp CONDITIONAL'], deals: ['dental-group-renewal CONDITIONAL'], code: 0 },
    'examples/joint-product.yaml': { partners: ['joint-product GO'], deals: ['genomics-pipeline-appliance GO'], code: 0 },
    'examples/cabling-specialist.yaml': { partners: ['cabling-specialist GO'], deals: [], code: 0 },
    'examples/deals/direct-render-farm.yaml': { partners: [], deals: ['studio-render-farm GO'], code: 0 },
  };

  it('is listed here, so a new example needs an expected verdict', () => {
    const files = [...readdirSync('examples').filter((f) => f.endsWith('.yaml')).map((f) => `examples/${f}`), 'examples/deals/direct-render-farm.yaml'];
    expect(Object.keys(expected).sort()).toEqual(files.sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${[...want.partners, ...want.deals].join(', ')}`, () => {
      const result = run(['assess', file, '--format', 'json', ...TODAY]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(want.code);
      const report = json(result.stdout);
      expect(report.partners.map((p) => `${p.id} ${p.verdict}`)).toEqual(want.partners);
      expect([...report.partners.flatMap((p) => p.opportunities), ...report.opportunities].map((o) => `${o.id} ${o.verdict}`)).toEqual(want.deals);
    });
  }

  it('include at least one GO, one CONDITIONAL and one NO-GO', () => {
    const verdicts = Object.values(expected).flatMap((e) => e.partners.map((p) => p.split(' ')[1]));
    expect(new Set(verdicts)).toEqual(new Set(['GO', 'CONDITIONAL', 'NO-GO']));
  });
});

describe('the JSON report', () => {
  const report = json(run(['assess', 'examples/acme.yaml', '--format', 'json', ...TODAY]).stdout);

  it('matches the report schema, for every example and every file a check could not judge', async () => {
    const { reportSchema } = await import('../../src/report/report-schema.js');
    const all = run(['check', 'examples', '--format', 'json', '--verbose', ...TODAY]);
    expect(reportSchema.safeParse(JSON.parse(all.stdout)).success).toBe(true);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('has the documented top-level shape', () => {
    expect(report).toMatchObject({ reportVersion: 1, tool: { name: 'partner-eval', version: PACKAGE_VERSION }, rubric: { name: 'default', version: 1 }, opportunities: [], problems: [] });
    expect(report.summary).toEqual({ partners: 1, opportunities: 1, go: 0, conditional: 0, noGo: 1, unsettled: 0, deals: { go: 0, conditional: 0, noGo: 1, unsettled: 0 }, ended: 0, invalidFiles: 0 });
  });

  it('describes each partner with verdict, score, capital and findings', () => {
    const acme = report.partners[0]!;
    expect(acme).toMatchObject({ id: 'acme', name: 'Acme Storage', file: 'examples/acme.yaml', verdict: 'NO-GO', score: 0 });
    expect(acme.capital).toEqual({ ours: 75000, theirs: 0, skinRatio: 0, currency: 'USD' });
    const skin = acme.findings.find((f) => f.ruleId === 'no-skin-in-the-game')!;
    expect(skin).toMatchObject({ outcome: 'flagged', severity: 'blocker', evidence: [{ path: 'partner.investments', file: 'examples/acme.yaml', line: 25, column: 3 }] });
    expect(Object.keys(skin).slice(0, 4)).toEqual(['ruleId', 'title', 'outcome', 'severity']);
  });

  it('gives unknown findings their question and missing fields', () => {
    const unknown = report.partners[0]!.findings.find((f) => f.ruleId === 'key-person-dependency')!;
    expect(unknown).toMatchObject({ outcome: 'unknown', severity: 'medium', question: 'Does the whole relationship hang on one person at the partner?', missing: ['partner.keyPeople.singleContact'] });
  });

  it('shows passed and not-applicable outcomes only with --verbose', () => {
    const outcomes = (r: JsonReport) => new Set(r.partners[0]!.findings.map((f) => f.outcome));
    expect(outcomes(report)).toEqual(new Set(['flagged', 'unknown']));
    const verbose = json(run(['assess', 'examples/acme.yaml', '--format', 'json', '--verbose', ...TODAY]).stdout);
    expect(outcomes(verbose)).toContain('passed');
    expect(verbose.partners[0]!.findings).toHaveLength(rubric().rules.filter((r) => r.scope === 'partner').length);
  });

  it('reports the deal with its capital at risk', () => {
    expect(report.partners[0]!.opportunities[0]).toMatchObject({ id: 'university-cluster', name: 'University cluster', verdict: 'NO-GO', capitalAtRisk: 400000 });
  });
});

describe('exit codes and options', () => {
  it('--fail-on never exits 0 even on NO-GO', () => {
    const r = run(['assess', 'examples/acme.yaml', '--fail-on', 'never', ...TODAY]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(' NO-GO ');
  });

  it('--fail-on conditional fails on a CONDITIONAL verdict; the default does not', () => {
    expect(run(['assess', 'examples/departed-sponsor.yaml', ...TODAY]).code).toBe(0);
    expect(run(['assess', 'examples/departed-sponsor.yaml', '--fail-on', 'conditional', ...TODAY]).code).toBe(1);
  });

  it('--fail-on unknown fails on open questions even when the verdict is GO', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-unknown-'));
    const file = path.join(dir, 'thin.yaml');
    writeFileSync(file, 'version: 1\npartner:\n  name: Thin Profile\n');
    const r = run(['assess', file, '--fail-on', 'unknown', ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Open questions/);
  });

  it('--output writes the report atomically and prints nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-out-'));
    const out = path.join(dir, 'report.json');
    const r = run(['assess', 'examples/joint-product.yaml', '--format', 'json', '--output', out, ...TODAY]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(json(readFileSync(out, 'utf8')).partners[0]!.verdict).toBe('GO');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('--quiet leaves out questions and green signals', () => {
    const r = run(['assess', 'examples/acme.yaml', '--quiet', ...TODAY]);
    expect(r.stdout).toContain('Red flags');
    expect(r.stdout).not.toContain('Open questions');
    expect(r.stdout).not.toContain('Green signals');
  });

  it('colours with FORCE_COLOR, not with --no-color', () => {
    expect(run(['assess', 'examples/joint-product.yaml', ...TODAY], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(run(['--no-color', 'assess', 'examples/joint-product.yaml', ...TODAY], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('reads a file named twice only once', () => {
    const r = run(['assess', 'examples/joint-product.yaml', './examples/joint-product.yaml', '--format', 'json', ...TODAY]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(json(r.stdout).summary.partners).toBe(1);
  });

  it('takes the rubric and --fail-on from .partner-eval.yaml in the folder or above', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-config-'));
    writeFileSync(path.join(dir, '.partner-eval.yaml'), 'version: 1\nrubric: ./rubrics/ours.yaml\nfailOn: conditional\n');
    mkdirSync(path.join(dir, 'rubrics'));
    writeFileSync(path.join(dir, 'rubrics', 'ours.yaml'), 'version: 1\nname: ours\nextends: [default]\nrules:\n  - id: sponsor-departed\n    enabled: false\n');
    mkdirSync(path.join(dir, 'profiles'));
    writeFileSync(path.join(dir, 'profiles', 'meridian.yaml'), readFileSync('examples/departed-sponsor.yaml'));
    const r = run(['assess', 'profiles/meridian.yaml', '--format', 'json', ...TODAY], { cwd: dir });
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.rubric.name).toBe('ours');
    expect(report.partners[0]!.findings.map((f) => f.ruleId)).not.toContain('sponsor-departed');
    // value-grab still holds it at CONDITIONAL, which the config's failOn makes a failure.
    expect([report.partners[0]!.verdict, r.code]).toEqual(['CONDITIONAL', 1]);
  });

  it('reports a bad .partner-eval.yaml at its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-badconfig-'));
    writeFileSync(path.join(dir, '.partner-eval.yaml'), 'version: 1\nfailOn: sometimes\n');
    writeFileSync(path.join(dir, 'p.yaml'), 'version: 1\npartner: { name: P }\n');
    const r = run(['assess', 'p.yaml'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^\.partner-eval\.yaml:2:9 failOn: expected one of no-go, conditional, unknown, never, got "sometimes"$/m);
  });

  it('--opportunity adds a standalone deal to the first file\'s partner', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-opp-'));
    const deal = path.join(dir, 'extra.yaml');
    writeFileSync(deal, 'version: 1\nopportunity:\n  name: Extra deal\n  marginPercent: 8\n');
    const report = json(run(['assess', 'examples/joint-product.yaml', '--opportunity', deal, '--format', 'json', ...TODAY]).stdout);
    expect(report.partners[0]!.opportunities.map((o) => o.id)).toEqual(['genomics-pipeline-appliance', 'extra-deal']);
    expect(report.partners[0]!.opportunities[1]!.findings.find((f) => f.ruleId === 'thin-deal')!.outcome).toBe('flagged');
  });

  it('joins a standalone opportunity file to its partner found in a folder above', () => {
    const r = run(['assess', 'examples/deals/acme-lab-refresh.yaml', '--format', 'json', ...TODAY]);
    expect(r.stderr).toBe('');
    const acme = json(r.stdout).partners[0]!;
    expect(acme.id).toBe('acme');
    expect(acme.opportunities.map((o) => o.id)).toEqual(['university-cluster', 'acme-demo-lab-refresh']);
    // An enablement deal: two demo nodes for their sales team, judged on who pays and who they serve.
    const alone = acme.opportunities[1]!.findings.find((f) => f.ruleId === 'enablement-for-one-partner')!;
    expect(alone).toMatchObject({ outcome: 'flagged', severity: 'blocker', evidence: [{ path: 'opportunity.commitments', file: 'examples/deals/acme-lab-refresh.yaml', line: 9, column: 3 }] });
    expect(acme.opportunities[1]).toMatchObject({ kind: 'enablement', verdict: 'NO-GO' });
  });
});

describe('bad input: one located line per problem, exit 2, never a stack trace', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pe-bad-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const cases: [string, string | Buffer, RegExp][] = [
    ['enum.yaml', 'version: 1\npartner:\n  name: A\n  sponsor: { level: VP }\n', /enum\.yaml:4:21 partner\.sponsor\.level: expected one of c-level, vp, director, manager, none, got "VP"/],
    ['typo.yaml', 'version: 1\npartner:\n  name: A\n  marketing: { linksToUS: true }\n', /typo\.yaml:4:16 partner\.marketing\.linksToUS: .*did you mean "linksToUs"/],
    ['proto.yaml', 'version: 1\npartner:\n  name: A\n  __proto__: { x: 1 }\n', /proto\.yaml:4:3 partner\.__proto__: .*never allowed/],
    ['bomb.yaml', `a: &a [x,x,x,x,x,x,x,x,x,x]\n${'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`, /bomb\.yaml:1:1 expected at most 100 alias expansions/],
    ['latin1.yaml', Buffer.from([...Buffer.from('version: 1\npartner:\n  name: Caf'), 0xe9, 0x0a]), /latin1\.yaml:3:12 expected UTF-8 text, got an invalid byte 0xe9/],
    ['both.yaml', 'version: 1\npartner: { name: A }\nopportunity: { name: B }\n', /both\.yaml:1:1 expected either partner or opportunity at the top level, got both/],
    ['neither.yaml', 'version: 1\n', /neither\.yaml:1:1 expected partner or opportunity at the top level, got neither/],
    ['v2.yaml', 'version: 2\npartner: { name: A }\n', /v2\.yaml:1:10 version: expected 1 \(the format version\), got 2/],
    ['deep.yaml', `version: 1\npartner: ${'['.repeat(3000)}${']'.repeat(3000)}\n`, /deep\.yaml:2:74 expected at most 64 levels of nesting/],
    ['waiver.yaml', 'version: 1\npartner:\n  name: A\n  waivers:\n    - { rule: no-such-rule, reason: r, expires: 2027-01-01, approvedBy: ceo }\n', /waiver\.yaml:5:15 partner\.waivers\[0\]\.rule: expected a rule id of the default rubric, got "no-such-rule"/],
    ['orphan.yaml', 'version: 1\nopportunity: { name: B, partner: nobody }\n', /orphan\.yaml:2:25 opportunity\.partner: expected the id of a known partner, got "nobody"\n {2}hint: the partner file must be among the files given, or in this folder or a folder above it/],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      const r = run(['assess', file(name, content), ...TODAY]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/nothing was assessed\.\n$/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    });
  }

  it('a missing file', () => {
    const r = run(['assess', 'examples/nope.yaml']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^examples\/nope\.yaml:1:1 expected a profile, got nothing: no such file$/m);
  });

  it('reports the problems of every file at once', () => {
    const r = run(['assess', file('one.yaml', 'version: 1\npartner: { name: A, type: shop }\n'), file('two.yaml', 'version: 1\npartner: { name: B, since: yesterday }\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one\.yaml:2:\d+ partner\.type/);
    expect(r.stderr).toMatch(/two\.yaml:2:\d+ partner\.since/);
    expect(r.stderr).toContain('2 problem(s) in 2 file(s)');
  });

  it('an unknown option or command, or a bad --today', () => {
    for (const args of [['assess', 'examples/acme.yaml', '--frmat', 'json'], ['asses', 'examples/acme.yaml'], ['assess', 'examples/acme.yaml', '--today', '22/11/2026'], ['assess', 'examples/acme.yaml', '--format', 'xml']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('an unknown built-in rubric name lists the built-in ones', () => {
    const r = run(['assess', 'examples/acme.yaml', '--rubric', 'strict']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('partner-eval: --rubric: expected a built-in rubric (default, reseller, services) or a path to a rubric file, got "strict"\n  hint: a file in the working folder needs a path: ./ours.yaml\n');
  });

  it('a rubric error names the rubric file and line', () => {
    const rubric = file('bad-rubric.yaml', 'version: 1\nname: bad\nrules:\n  - id: r\n    title: T\n    scope: partner\n    severity: low\n    when: partner.nope\n    message: m\n    mitigation: x\n    rationale: y\n');
    const r = run(['assess', 'examples/acme.yaml', '--rubric', rubric]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-rubric\.yaml:8:11 rules\[0\]\.when: rule "r": CEL type error: No such key: nope/);
  });

  it('leaves no file behind when the report cannot be written', () => {
    const r = run(['assess', 'examples/acme.yaml', '--output', path.join(dir, 'missing-folder', 'report.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^partner-eval: --output: could not write .*report\.txt: its folder does not exist$/m);
    expect(existsSync(path.join(dir, 'missing-folder'))).toBe(false);
  });
});
