// JUnit XML, which every CI system can show, written so that its consumers count what the run
// does: the failures are exactly the verdicts that make `--fail-on` exit 1, the errors the files
// that make it exit 2, and every test case keeps its name from one run to the next.
//
// - A test suite per partner, per deal of a partner and per direct deal, named after it ("Acme",
//   "Acme → University cluster", "Render farm (direct deal)"): no verdict or score in the name,
//   which would make every change of score a new suite. The verdict, score and range are the
//   suite's properties; `file` is the profile.
// - In each, one case "verdict" (classname: the partner id, `partner.deal` for a partner's deal,
//   the deal id for a direct deal):
//     failure  when the verdict reaches `--fail-on` (`no-go`: NO-GO; `conditional`: also
//              CONDITIONAL; `unknown`: also a verdict open questions could still change; `never`:
//              none), with the flags that count and the facts that decide it;
//     skipped  when it does not but is unsettled (the facts that decide it), and for an ended
//              partnership and its deals, which are history and never fail a run;
//     passed   otherwise, with the verdict in system-out.
// - Then a case per rule outcome, named `rule-id: title`. None fails: the run fails on verdicts,
//   not on findings, so a flag of any severity passes with the flag in system-out (severity,
//   message, each `file:line:column key.path` it rests on, what to ask instead); a green signal
//   and a passed rule pass; an unknown (its question), a waived flag (the waiver) and a rule that
//   does not apply (why) are skipped.
// - Files that could not be judged: a suite "Profiles that could not be judged", a case per
//   problem named `file:line:column key.path` (classname `invalid-profile`), as an error whose
//   type is the problem's code.
// - Every (classname, name) pair is unique, which GitLab needs (it keys cases on them and keeps
//   one of each); the rare repeat (two direct deals with one id) gets " (2)" and so on, in order.
// - `time` is 0 throughout: judging is not a timed run, and the same files give the same report.
//
// The attributes are those of Jenkins' JUnit schema (test/fixtures/junit/, which the tests
// validate against): no `file` or `line` on a test case, no `skipped` on `testsuites`.
import type { Finding } from '../engine/types.js';
import type { RenderOptions } from './index.js';
import { describeRange, describeUnsettled } from '../engine/judgement.js';
import { dealFindings, failingKeys, isEnded, type FailOn, type OpportunityReport, type Report } from '../engine/report-model.js';

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

type Status = { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; type?: string; message: string; body?: string };

interface Case {
  classname: string;
  name: string;
  status: Status;
  out?: string;
}

interface Suite {
  name: string;
  file?: string;
  properties?: Record<string, string>;
  cases: Case[];
}

const lines = (...parts: (string | false | undefined)[]) => parts.filter((p): p is string => Boolean(p)).join('\n');

function where(f: Finding): string[] {
  return f.evidence.map((e) => `at ${e.file}:${e.line}:${e.column} ${e.path}`);
}

/** A flag as text: what it says, where, and what to ask instead. */
function describeFlag(f: Finding): string {
  return lines(
    `${f.severity.toUpperCase()} ${f.ruleId}: ${f.message ?? f.title}`,
    ...where(f).map((w) => `  ${w}`),
    f.expiredWaiver && `  waiver expired ${f.expiredWaiver.expires}: ${f.expiredWaiver.reason}`,
    f.possibleSeverity && `  could be ${f.possibleSeverity.toUpperCase()} once known: ${f.question ?? ''}`,
    f.mitigation && `  Ask instead: ${f.mitigation}`,
  );
}

function findingCase(classname: string, f: Finding): Case {
  const name = `${f.ruleId}: ${f.title}`;
  const skipped = (message: string): Case => ({ classname, name, status: { kind: 'skipped', message } });
  if (f.outcome === 'unknown') return skipped(`unknown: ${f.question ?? ''}`);
  if (f.outcome === 'waived') return skipped(`waived by ${f.waiver!.approvedBy} until ${f.waiver!.expires}: ${f.waiver!.reason}`);
  if (f.outcome === 'not-applicable') return skipped(`not applicable: ${f.reason ?? ''}`);
  if (f.outcome === 'flagged' && f.severity !== 'green') return { classname, name, status: { kind: 'pass' }, out: `flagged: ${describeFlag(f)}` };
  // Passed, or a green signal that holds.
  return { classname, name, status: { kind: 'pass' }, ...(f.message ? { out: f.message } : {}) };
}

type Judged = Pick<OpportunityReport, 'verdict' | 'score' | 'range' | 'openQuestions' | 'facts'>;

function verdictCase(classname: string, judged: Judged, findings: readonly Finding[], failOn: FailOn, fails: boolean, ended: boolean): Case {
  const name = 'verdict';
  const verdict = `${judged.verdict} (${describeRange(judged)})`;
  const deciding = judged.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.question);
  const unsettled = judged.range.settled ? '' : `${describeUnsettled(judged.range)}; these decide it: ${deciding.join(' ')}`;
  if (ended) return { classname, name, status: { kind: 'skipped', message: `ended partnership: history, never fails a run; it was ${verdict}` } };
  if (fails) {
    const flags = findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green');
    const body = lines(`${verdict} reaches --fail-on ${failOn}`, flags.length > 0 && 'Flags that count:', ...flags.map(describeFlag), unsettled && `${unsettled[0]!.toUpperCase()}${unsettled.slice(1)}`);
    return { classname, name, status: { kind: 'failure', type: judged.verdict === 'GO' ? 'unsettled' : judged.verdict, message: `${verdict} reaches --fail-on ${failOn}`, body } };
  }
  if (unsettled) return { classname, name, status: { kind: 'skipped', message: unsettled }, out: `${verdict}; --fail-on ${failOn} not reached` };
  return { classname, name, status: { kind: 'pass' }, out: `${verdict}; --fail-on ${failOn} not reached` };
}

function suite(name: string, classname: string, file: string, judged: Judged, findings: readonly Finding[], failOn: FailOn, fails: boolean, ended: boolean): Suite {
  const { range } = judged;
  const properties = { verdict: judged.verdict, score: String(judged.score), 'range.worst': `${range.worst.verdict} ${range.worst.score}`, 'range.best': `${range.best.verdict} ${range.best.score}`, settled: String(range.settled), 'fail-on': failOn };
  return { name, file, properties, cases: [verdictCase(classname, judged, findings, failOn, fails, ended), ...findings.map((f) => findingCase(classname, f))] };
}

/** GitLab keeps one case of each (classname, name): a repeat gets " (2)", " (3)", in report order. */
function uniqueNames(suites: readonly Suite[]): void {
  const seen = new Set<string>();
  const key = (c: Case, name: string) => JSON.stringify([c.classname, name]);
  for (const c of suites.flatMap((s) => s.cases)) {
    let name = c.name;
    for (let n = 2; seen.has(key(c, name)); n++) name = `${c.name} (${n})`;
    c.name = name;
    seen.add(key(c, name));
  }
}

function caseXml(c: Case): string {
  const attrs = `classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="0"`;
  const { status } = c;
  const result = status.kind === 'pass' ? '' : `<${status.kind}${status.type !== undefined ? ` type="${escapeXml(status.type)}"` : ''} message="${escapeXml(status.message)}"${status.body ? `>${escapeXml(status.body)}</${status.kind}>` : '/>'}`;
  const out = c.out ? `<system-out>${escapeXml(c.out)}</system-out>` : '';
  return result || out ? `<testcase ${attrs}>${result}${out}</testcase>` : `<testcase ${attrs}/>`;
}

export function renderJunit(report: Report, options: RenderOptions): string {
  const failOn = options.failOn ?? 'no-go';
  const failing = failingKeys(report, failOn, options.failNewAt ? { newAt: options.failNewAt } : {});
  const suites: Suite[] = [];
  for (const p of report.partners) {
    const ended = isEnded(p);
    suites.push(suite(p.name, p.id, p.file, p, p.findings, failOn, failing.has(p.id), ended));
    for (const o of p.opportunities) suites.push(suite(`${p.name} → ${o.name}`, `${p.id}.${o.id}`, o.file, o, dealFindings(o), failOn, failing.has(`${p.id}/${o.id}`), ended));
  }
  for (const o of report.opportunities) suites.push(suite(`${o.name} (direct deal)`, o.id, o.file, o, o.findings, failOn, failing.has(o.id), false));
  if (report.problems.length > 0) {
    suites.push({
      name: 'Profiles that could not be judged',
      cases: report.problems.map((p) => ({
        classname: 'invalid-profile',
        name: `${p.file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ''}`,
        status: { kind: 'error', type: p.code, message: p.message, body: lines(`${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`, p.hint && `hint: ${p.hint}`, p.related && `see ${p.related.file}:${p.related.line}:${p.related.column}`) },
      })),
    });
  }
  uniqueNames(suites);
  const count = (cases: readonly Case[], kind: Status['kind']) => cases.filter((c) => c.status.kind === kind).length;
  const all = suites.flatMap((s) => s.cases);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="partner-eval" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="0">`,
    ...suites.map((s) => {
      const properties = s.properties ? `    <properties>${Object.entries(s.properties).map(([k, v]) => `<property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`).join('')}</properties>\n` : '';
      const head = `<testsuite name="${escapeXml(s.name)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" errors="${count(s.cases, 'error')}" skipped="${count(s.cases, 'skipped')}" time="0"${s.file !== undefined ? ` file="${escapeXml(s.file)}"` : ''}>`;
      return `  ${head}\n${properties}${s.cases.map((c) => `    ${caseXml(c)}`).join('\n')}\n  </testsuite>`;
    }),
    '</testsuites>',
  ];
  return `${out.join('\n')}\n`;
}
