// JUnit XML, which every CI system can show: a test suite per partner and per deal, one test case
// per rule outcome. A flag fails its case; an unknown, a not-applicable rule and a waived flag are
// skipped (with the question, the reason or the waiver); files that could not be judged are errors.
import type { Finding } from '../engine/types.js';
import type { RenderOptions } from './index.js';
import { describeUnsettled } from '../engine/judgement.js';
import { dealFindings, type OpportunityReport, type Report } from '../engine/report-model.js';

/**
 * Text and attribute escaping; characters XML 1.0 cannot hold at all are dropped. Line breaks are
 * character references: a parser reads them back (in attributes too, which would otherwise turn
 * them into spaces), and no text from a profile starts a line of the output, which CI may print.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

interface Suite {
  name: string;
  properties?: Record<string, string>;
  cases: string[];
  failures: number;
  errors: number;
  skipped: number;
}

function testCase(classname: string, f: Finding, file: string): { xml: string; kind: 'pass' | 'failure' | 'skipped' } {
  const where = f.evidence[0];
  const attrs = `classname="${escapeXml(classname)}" name="${escapeXml(`${f.ruleId}: ${f.title}`)}" file="${escapeXml(where?.file ?? file)}"${where ? ` line="${where.line}"` : ''}`;
  if (f.outcome === 'flagged' && f.severity !== 'green') {
    const body = [f.message, ...f.evidence.map((e) => `at ${e.file}:${e.line}:${e.column} ${e.path}`), f.expiredWaiver ? `waiver expired ${f.expiredWaiver.expires}: ${f.expiredWaiver.reason}` : '', f.mitigation ? `Ask instead: ${f.mitigation}` : ''].filter((line): line is string => Boolean(line)).map(escapeXml).join('\n');
    return { xml: `<testcase ${attrs}><failure type="${f.severity}" message="${escapeXml(f.message ?? f.title)}">${body}</failure></testcase>`, kind: 'failure' };
  }
  const skipped = (message: string) => ({ xml: `<testcase ${attrs}><skipped message="${escapeXml(message)}"/></testcase>`, kind: 'skipped' as const });
  if (f.outcome === 'unknown') return skipped(`unknown: ${f.question ?? ''}`);
  if (f.outcome === 'waived') return skipped(`waived by ${f.waiver!.approvedBy} until ${f.waiver!.expires}: ${f.waiver!.reason}`);
  if (f.outcome === 'not-applicable') return skipped(`not applicable: ${f.reason ?? ''}`);
  // Passed, or a green signal that holds.
  return { xml: `<testcase ${attrs}>${f.message ? `<system-out>${escapeXml(f.message)}</system-out>` : ''}</testcase>`, kind: 'pass' };
}

type Judged = Pick<OpportunityReport, 'verdict' | 'score' | 'range' | 'openQuestions'>;

function suite(name: string, classname: string, file: string, judged: Judged, findings: readonly Finding[]): Suite {
  const { range } = judged;
  const properties = { verdict: judged.verdict, score: String(judged.score), 'range.worst': `${range.worst.verdict} ${range.worst.score}`, 'range.best': `${range.best.verdict} ${range.best.score}`, settled: String(range.settled) };
  const s: Suite = { name, properties, cases: [], failures: 0, errors: 0, skipped: 0 };
  // An unsettled verdict is skipped, like an unknown rule: `--fail-on` decides whether it fails the run.
  if (!range.settled) {
    const deciding = judged.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.question);
    s.cases.push(`<testcase classname="${escapeXml(classname)}" name="verdict settled" file="${escapeXml(file)}"><skipped message="${escapeXml(`${describeUnsettled(range)}; these decide it: ${deciding.join(' ')}`)}"/></testcase>`);
    s.skipped++;
  }
  for (const f of findings) {
    const { xml, kind } = testCase(classname, f, file);
    s.cases.push(xml);
    if (kind === 'failure') s.failures++;
    if (kind === 'skipped') s.skipped++;
  }
  return s;
}

export function renderJunit(report: Report, _options: RenderOptions): string {
  const suites: Suite[] = [];
  for (const p of report.partners) {
    suites.push(suite(`${p.name} (${p.verdict}, ${p.score}/100)`, p.id, p.file, p, p.findings));
    for (const o of p.opportunities) suites.push(suite(`${p.name} → ${o.name} (${o.verdict}, ${o.score}/100)`, `${p.id}.${o.id}`, o.file, o, dealFindings(o)));
  }
  for (const o of report.opportunities) suites.push(suite(`${o.name} (direct deal, ${o.verdict}, ${o.score}/100)`, o.id, o.file, o, o.findings));
  if (report.problems.length > 0) {
    const invalid: Suite = { name: 'Profiles that could not be judged', cases: [], failures: 0, errors: report.problems.length, skipped: 0 };
    for (const p of report.problems) {
      const text = [`${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`, ...(p.hint ? [`hint: ${p.hint}`] : [])].map(escapeXml).join('\n');
      invalid.cases.push(`<testcase classname="invalid-profile" name="${escapeXml(p.file)}" file="${escapeXml(p.file)}" line="${p.line}"><error type="invalid-profile" message="${escapeXml(p.message)}">${text}</error></testcase>`);
    }
    suites.push(invalid);
  }
  const total = (key: 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="partner-eval" tests="${tests}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}">`,
    ...suites.map((s) => {
      const properties = s.properties ? `    <properties>${Object.entries(s.properties).map(([k, v]) => `<property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`).join('')}</properties>\n` : '';
      return `  <testsuite name="${escapeXml(s.name)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}">\n${properties}${s.cases.map((c) => `    ${c}`).join('\n')}\n  </testsuite>`;
    }),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
