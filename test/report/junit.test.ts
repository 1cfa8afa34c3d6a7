import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { rubric } from '../helpers/assess.js';
import { escapeXml, renderJunit } from '../../src/report/junit.js';
import { EXAMPLES, renderOptions, reportOfFiles, reportOfTexts } from '../helpers/report.js';

interface Suite { '@_name': string; '@_tests': string; '@_failures': string; '@_skipped': string; testcase: unknown[] }

describe('JUnit XML', () => {
  const examples = () => {
    const xml = renderJunit(reportOfFiles(EXAMPLES, true), renderOptions());
    return { xml, parsed: new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as { testsuites: { testsuite: Suite[]; '@_tests': string; '@_failures': string } } };
  };

  it('is valid XML', () => {
    const { xml } = examples();
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has a suite per partner and per deal, and a case per rule outcome', () => {
    const { parsed } = examples();
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s['@_name'])).toContain('Acme Storage (NO-GO, 0/100)');
    expect(suites.map((s) => s['@_name'])).toContain('Acme Storage → University cluster (NO-GO, 0/100)');
    const acme = suites.find((s) => s['@_name'].startsWith('Acme Storage ('))!;
    // A case per partner rule (its deals have suites of their own).
    expect(acme.testcase).toHaveLength(rubric().rules.filter((r) => r.scope === 'partner').length);
    // A failure per red flag of the partner's own.
    const flags = reportOfFiles(EXAMPLES, true).partners.find((p) => p.id === 'acme')!.findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green');
    expect(flags.length).toBeGreaterThan(1);
    expect(Number(acme['@_failures'])).toBe(flags.length);
    for (const s of suites) expect(Number(s['@_tests'])).toBe(s.testcase.length);
    expect(Number(parsed.testsuites['@_tests'])).toBe(suites.reduce((n, s) => n + s.testcase.length, 0));
  });

  it('escapes what XML cannot hold as text', () => {
    expect(escapeXml('a < b & "c" \u0001')).toBe('a &lt; b &amp; &quot;c&quot; ');
    const tricky = renderJunit(reportOfTexts({ 'x.yaml': 'version: 1\npartner:\n  name: "Smith & <Sons> \\"Ltd\\" \\u0007"\n  sponsor: { level: manager }\n' }, true), renderOptions());
    expect(XMLValidator.validate(tricky)).toBe(true);
    expect(tricky).toContain('Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;');
  });

  it('reports files that could not be judged as errors', () => {
    const out = renderJunit(reportOfTexts({ 'bad.yaml': 'version: 2\n' }), renderOptions());
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toMatch(/<testsuites name="partner-eval" tests="1" failures="0" errors="1" skipped="0">/);
    expect(out).toContain('<error type="invalid-profile" message="expected 1 (the format version), got 2">');
  });
});
