import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FAIL_ON, failingKeys, reachesFailOn, type FailOn, type Report } from '../../src/engine/report-model.js';
import { escapeXml, renderJunit } from '../../src/report/junit.js';
import { rubric } from '../helpers/assess.js';
import { jenkinsSchemaErrors, readLikeGitLab } from '../helpers/junit.js';
import { EXAMPLES, renderOptions, reportOfFiles, reportOfTexts } from '../helpers/report.js';

interface Case { '@_classname': string; '@_name': string; '@_time': string; failure?: unknown; error?: unknown; skipped?: { '@_message': string }; 'system-out'?: string; [attr: string]: unknown }
interface Suite { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; '@_time': string; testcase: Case[] }
interface Parsed { testsuites: { testsuite: Suite[]; '@_tests': string; '@_failures': string; '@_errors': string; '@_time': string } }

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, htmlEntities: true, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as Parsed;
const junit = (report: Report, failOn?: FailOn) => renderJunit(report, { ...renderOptions(), ...(failOn ? { failOn } : {}) });

const examples = reportOfFiles(EXAMPLES, true);
const THREE_PROBLEMS = { 'bad.yaml': 'version: 1\npartner:\n  name: A\n  foo: 1\n  bar: 2\n  baz: 3\n', 'worse.yaml': 'version: 2\n' };
const ONLY_A_NAME = { 'nimbus.yaml': 'version: 1\npartner: { name: Nimbus Analytics, type: technology }\n' };
const ENDED = { 'old.yaml': 'version: 1\npartner: { name: Old Co, sponsor: { level: manager }, outcome: { status: ended, result: failure } }\nopportunities:\n  - name: Old deal\n    customer: { prefersIncumbent: true, evaluatesBidsSeriously: false }\n' };
const HOSTILE = { 'h.yaml': 'version: 1\npartner:\n  name: "Smith & <Sons> \\"Ltd\\" \\u0007 ]]> \\u2028"\n  sponsor: { level: manager }\nopportunities:\n  - { name: "x\\ny" }\n' };
const reports: Record<string, Report> = { examples, problems: reportOfTexts(THREE_PROBLEMS, true), unsettled: reportOfTexts(ONLY_A_NAME, true), ended: reportOfTexts(ENDED, true), hostile: reportOfTexts(HOSTILE, true) };

/** Partners and deals whose verdict makes `--fail-on` fail the run. */
function failing(report: Report, failOn: FailOn): number {
  return failingKeys(report, failOn).size;
}

describe('JUnit XML', () => {
  const xml = junit(examples);
  const parsed = parse(xml);

  it('is valid XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has a suite per partner and per deal, named without verdict or score, and a verdict case then a case per rule outcome', () => {
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s['@_name'])).toContain('Acme Storage');
    expect(suites.map((s) => s['@_name'])).toContain('Acme Storage → University cluster');
    expect(suites.map((s) => s['@_name'])).toContain('Studio render farm (direct deal)');
    for (const s of suites) expect(s['@_name']).not.toMatch(/GO|\/100/);
    const acme = suites.find((s) => s['@_name'] === 'Acme Storage')!;
    expect(acme.testcase[0]!['@_name']).toBe('verdict');
    expect(acme.testcase.slice(1).map((c) => c['@_name']).sort()).toEqual(rubric().rules.filter((r) => r.scope === 'partner' && r.enabled).map((r) => `${r.id}: ${r.title}`).sort());
    for (const s of suites) expect(Number(s['@_tests'])).toBe(s.testcase.length);
    expect(Number(parsed.testsuites['@_tests'])).toBe(suites.reduce((n, s) => n + s.testcase.length, 0));
  });

  it('keeps suite and case names when only a score changes', () => {
    const before = reportOfTexts({ 'p.yaml': 'version: 1\npartner:\n  name: P\n  sponsor: { level: manager }\n  investments: [{ by: us, kind: engineering, amount: 5000 }]\n' }, true);
    const after = reportOfTexts({ 'p.yaml': 'version: 1\npartner:\n  name: P\n  sponsor: { level: vp, active: true }\n  investments: [{ by: us, kind: engineering, amount: 5000 }, { by: partner, kind: engineering, amount: 5000 }]\n' }, true);
    expect(after.partners[0]!.score).not.toBe(before.partners[0]!.score);
    const names = (r: Report) => readLikeGitLab(junit(r)).cases.map((c) => [c.suiteName, c.classname, c.name]);
    expect(names(after)).toEqual(names(before));
  });

  it('fails only the verdicts that reach --fail-on, so its failures agree with the exit code', () => {
    for (const [what, report] of Object.entries(reports)) {
      for (const failOn of FAIL_ON) {
        const out = parse(junit(report, failOn)).testsuites;
        expect(Number(out['@_failures']), `${what} --fail-on ${failOn}`).toBe(failing(report, failOn));
        expect(Number(out['@_failures']) > 0, `${what} --fail-on ${failOn}`).toBe(reachesFailOn(report, failOn));
        expect(Number(out['@_errors'])).toBe(report.problems.length);
        for (const s of out.testsuite) for (const c of s.testcase) if (c.failure !== undefined) expect(c['@_name']).toBe('verdict');
      }
    }
    // The default is --fail-on's: no-go.
    expect(junit(examples)).toBe(junit(examples, 'no-go'));
  });

  it('reports a flag of any severity as a passing case with the flag in system-out', () => {
    const acme = parse(junit(examples)).testsuites.testsuite.find((s) => s['@_name'] === 'Acme Storage')!;
    const flag = acme.testcase.find((c) => c['@_name'].startsWith('missing-backlink:'))!;
    expect(flag.failure).toBeUndefined();
    expect(flag.skipped).toBeUndefined();
    expect(flag['system-out']).toMatch(/^flagged: MEDIUM missing-backlink: They use our name or results without a link to us, and do not list us as a partner\.\n {2}at examples\/acme\.yaml:31:5 partner\.marketing\.mentionsUs\n/);
    const verdict = acme.testcase[0]!;
    expect(verdict.failure).toMatchObject({ '@_type': 'NO-GO', '@_message': 'NO-GO (0/100, whatever the 2 open facts turn out to be) reaches --fail-on no-go' });
    expect(String((verdict.failure as { '#text': string })['#text'])).toContain('Flags that count:\nBLOCKER no-skin-in-the-game: We have put $75,000 into this partnership; the partner has put in nothing.\n  at examples/acme.yaml:25:3 partner.investments\n');
    // With --fail-on never nothing fails: the NO-GO is a passing verdict that says so.
    const never = parse(junit(examples, 'never')).testsuites.testsuite.find((s) => s['@_name'] === 'Acme Storage')!.testcase[0]!;
    expect(never.failure).toBeUndefined();
    expect(never['system-out']).toBe('NO-GO (0/100, whatever the 2 open facts turn out to be); --fail-on never not reached');
  });

  it('skips an unsettled verdict unless --fail-on unknown fails it, and the verdict of an ended partnership', () => {
    const unsettled = (failOn: FailOn) => parse(junit(reports['unsettled']!, failOn)).testsuites.testsuite[0]!.testcase[0]!;
    expect(unsettled('no-go').skipped!['@_message']).toMatch(/^unsettled: NO-GO at worst, GO at best; these decide it: What has each side put into/);
    expect(unsettled('unknown').failure).toMatchObject({ '@_type': 'CONDITIONAL' });
    const ended = parse(junit(reports['ended']!, 'unknown')).testsuites;
    expect(Number(ended['@_failures'])).toBe(0);
    for (const s of ended.testsuite) expect(s.testcase[0]!.skipped!['@_message']).toMatch(/^ended partnership: history, never fails a run; it was /);
  });

  it('names each problem by its file, line, column and key path, as an error of its code', () => {
    const out = junit(reports['problems']!);
    const invalid = parse(out).testsuites.testsuite.find((s) => s['@_name'] === 'Profiles that could not be judged')!;
    expect(invalid.testcase.map((c) => c['@_name'])).toEqual(['bad.yaml:4:3 partner.foo', 'bad.yaml:5:3 partner.bar', 'bad.yaml:6:3 partner.baz', 'worse.yaml:1:10 version']);
    expect(out).toContain('<error type="unknown-key" message="expected one of the keys');
    expect(out).toMatch(/<testsuites name="partner-eval" tests="4" failures="0" errors="4" time="0">/);
  });

  it('has a time on every suite and case, and no attribute the Jenkins schema lacks', () => {
    for (const report of Object.values(reports)) {
      const out = parse(junit(report)).testsuites;
      expect(out['@_time']).toBe('0');
      for (const s of out.testsuite) {
        expect(s['@_time']).toBe('0');
        for (const c of s.testcase) {
          expect(c['@_time']).toBe('0');
          expect(Object.keys(c).filter((k) => k.startsWith('@_')).sort()).toEqual(['@_classname', '@_name', '@_time']);
        }
      }
    }
  });

  it('is valid against Jenkins’ JUnit schema (test/fixtures/junit), whatever --fail-on says', async () => {
    const documents = Object.values(reports).flatMap((report) => FAIL_ON.map((failOn) => junit(report, failOn)));
    expect(await jenkinsSchemaErrors(documents)).toEqual([]);
    // The schema does reject what it lacks: the check is not vacuous.
    expect(await jenkinsSchemaErrors([xml.replace('time="0">', 'time="0" skipped="0">').replace('name="verdict"', 'name="verdict" file="x.yaml" line="1"')])).toHaveLength(3);
  });

  it('reads the way GitLab reads it: every case kept (unique classname and name), with the intended status', () => {
    for (const [what, report] of Object.entries(reports)) {
      for (const failOn of FAIL_ON) {
        const out = junit(report, failOn);
        const { cases, kept } = readLikeGitLab(out);
        expect(cases.length, what).toBe((out.match(/<testcase /g) ?? []).length);
        expect(new Set(cases.map((c) => JSON.stringify([c.classname, c.name]))).size, what).toBe(cases.length);
        expect(kept.size, what).toBe(cases.length);
        const by = (status: string) => cases.filter((c) => c.status === status);
        expect(by('failed').map((c) => c.name)).toEqual(Array(failing(report, failOn)).fill('verdict'));
        expect(by('error')).toHaveLength(report.problems.length);
        for (const c of by('skipped')) expect(c.output).toHaveProperty('message');
        for (const c of cases) expect(c.time).toBe(0);
      }
    }
  });

  it('keeps the cases of two direct deals with one id apart', () => {
    const deal = (name: string) => `version: 1\nopportunity:\n  id: same\n  name: ${name}\n`;
    const out = junit(reportOfTexts({ 'a.yaml': deal('One'), 'b.yaml': deal('Two') }, true));
    const { cases, kept } = readLikeGitLab(out);
    expect(kept.size).toBe(cases.length);
    expect(cases.filter((c) => c.suiteName === 'Two (direct deal)').map((c) => c.name)[0]).toBe('verdict (2)');
  });

  it('escapes what XML cannot hold as text', () => {
    expect(escapeXml('a < b & "c" \u0001')).toBe('a &lt; b &amp; &quot;c&quot; ');
    const tricky = junit(reports['hostile']!);
    expect(XMLValidator.validate(tricky)).toBe(true);
    expect(tricky).toContain('Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;');
    // Each case is one line of the file: no text of a profile starts a line.
    for (const line of tricky.trimEnd().split('\n')) expect(line).toMatch(/^(<\?xml|<\/?testsuites| {2}<\/?testsuite| {4}<(properties>|testcase ))/);
  });
});
