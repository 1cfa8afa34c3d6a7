// SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning among them): the rubric's
// rules as rule metadata with help, each red flag as a result at the line of its evidence, a
// fingerprint that survives the file being edited around it, and waivers as accepted suppressions.
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/types.js';
import type { Severity } from '../rubric/severity.js';
import { gzipSync } from 'node:zlib';
import type { LimitedReporter, Rendered, RenderOptions, RuleInfo } from './index.js';
import { SARIF_LIMITS, type SarifLimits } from './limits.js';
import { SEVERITY_RANK } from '../rubric/severity.js';
import { describeUnsettled } from '../engine/judgement.js';
import { dealFindings, type OpportunityReport, type Report } from '../engine/report-model.js';
import { TOOL } from '../util/tool.js';
import { forMarkdown, markdownCode, wellFormed } from '../util/escape.js';

const INVALID_PROFILE = 'invalid-profile';
const UNSETTLED_VERDICT = 'unsettled-verdict';
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { blocker: 'error', high: 'error', medium: 'warning', low: 'note', green: 'note' };

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function fileUri(file: string): string {
  return file.split(/[\\/]/).map((segment) => encodeURIComponent(wellFormed(segment))).join('/');
}

/** `no-skin-in-the-game` → `NoSkinInTheGame`: SARIF's rule names. */
const pascalCase = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  // help.text is plain text; help.markdown is rendered by code scanning, so the rubric's words are
  // escaped there (no raw HTML, links or mentions from a rubric in a pull request).
  const help = (escape: (text: string) => string, code: (text: string) => string) => [escape(rule.rationale), rule.mitigation ? `What to ask for instead: ${escape(rule.mitigation)}` : '', `Run ${code(`partner-eval explain ${rule.id}`)} for the fields it reads.`].filter(Boolean).join('\n\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: sentence(rule.rationale) },
    help: { text: help((text) => text, (text) => `\`${text}\``), markdown: help(forMarkdown, markdownCode) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['partner-eval', rule.scope, rule.severity], ...(rule.source ? { source: rule.source } : {}) },
  };
}

/** A rule of partner-eval's own, not the rubric's: a profile it could not read, a verdict not settled. */
function toolRule(id: string, level: Sarif.ReportingConfiguration.level, short: string, full: string, help: string): Sarif.ReportingDescriptor {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: { text: help.replaceAll('`', ''), markdown: help },
    defaultConfiguration: { level },
    properties: { tags: ['partner-eval'] },
  };
}

function location(file: string, line: number, column: number): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: column } } };
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** A result and what decides whether it is kept: invalid profiles, then flags by severity (an unsettled verdict after the highs), waived flags last. */
interface Ranked {
  rank: number;
  /** What the warning counts it as when it is left out. */
  kind: string;
  result: Sarif.Result;
}

const UNSETTLED_RANK = 2.5;
const WAIVED_RANK = 10;

function rankedResults(report: Report, locationsKept: number): Ranked[] {
  const ranked: Ranked[] = [];
  for (const p of report.problems) {
    ranked.push({
      rank: 0,
      kind: 'invalid profile',
      result: {
        ruleId: INVALID_PROFILE,
        level: 'error',
        message: { text: sentence(`${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? ` (${p.hint})` : ''}`) },
        locations: [location(p.file, p.line, p.column)],
        partialFingerprints: { 'partnerEval/v1': fingerprint(INVALID_PROFILE, p.file, p.path, p.message) },
      },
    });
  }

  type Entity = Pick<OpportunityReport, 'id' | 'name' | 'verdict' | 'file' | 'line' | 'column' | 'score' | 'range' | 'openQuestions'>;
  const add = (entity: Entity, partnerId: string, opportunityId: string | undefined, findings: readonly Finding[]) => {
    const { range } = entity;
    const judged = { verdict: entity.verdict, score: entity.score, range: { worst: range.worst, best: range.best, settled: range.settled } };
    if (!range.settled) {
      const deciding = entity.openQuestions.filter((q) => q.decidesVerdict);
      ranked.push({
        rank: UNSETTLED_RANK,
        kind: 'unsettled verdict',
        result: {
          ruleId: UNSETTLED_VERDICT,
          level: 'warning',
          kind: 'review',
          message: { text: sentence(`${entity.name}: ${entity.verdict}, ${describeUnsettled(range)}${deciding.length ? `. Find out first: ${deciding.map((q) => q.question).join(' ')}` : ''}`) },
          locations: [location(entity.file, entity.line, entity.column)],
          partialFingerprints: { 'partnerEval/v1': fingerprint(UNSETTLED_VERDICT, partnerId, opportunityId ?? '') },
          properties: { ...judged, partner: partnerId, ...(opportunityId ? { opportunity: opportunityId } : {}), openQuestions: entity.openQuestions.map((q) => q.field) },
        },
      });
    }
    for (const f of findings) {
      const isFlag = (f.outcome === 'flagged' || f.outcome === 'waived') && f.severity !== 'green';
      if (!isFlag) continue;
      const where = f.evidence[0] ?? entity;
      const text = `${entity.name}: ${f.message ?? f.title}`;
      const waived = f.outcome === 'waived' && f.waiver !== undefined;
      ranked.push({
        rank: (waived ? WAIVED_RANK : 0) + 1 + SEVERITY_RANK[f.severity],
        kind: waived ? 'waived' : f.severity,
        result: {
          ruleId: f.ruleId,
          level: LEVEL[f.severity],
          message: { text: sentence(text) },
          locations: [location(where.file, where.line, where.column)],
          // Code scanning keeps 100 locations of a result: the first, and the others up to that.
          relatedLocations: f.evidence.slice(1, locationsKept).map((e, i) => ({ id: i + 1, ...location(e.file, e.line, e.column), message: { text: e.path } })),
          // Stable across edits that move lines: the rule, the partner and the deal identify a flag.
          partialFingerprints: { 'partnerEval/v1': fingerprint(f.ruleId, partnerId, opportunityId ?? '') },
          ...(waived ? { suppressions: [{ kind: 'inSource' as const, status: 'accepted' as const, justification: `${f.waiver!.reason} (approved by ${f.waiver!.approvedBy}, until ${f.waiver!.expires})` }] } : {}),
          properties: { severity: f.severity, ...(f.possibleSeverity ? { possibleSeverity: f.possibleSeverity } : {}), ...judged, partner: partnerId, ...(opportunityId ? { opportunity: opportunityId } : {}), ...(f.mitigation ? { mitigation: f.mitigation } : {}) },
        },
      });
    }
  };
  for (const p of report.partners) {
    add(p, p.id, undefined, p.findings);
    for (const o of p.opportunities) add({ ...o, name: `${p.name} → ${o.name}` }, p.id, o.id, dealFindings(o));
  }
  for (const o of report.opportunities) add(o, '', o.id, o.findings);
  // Most severe first, in report order within a rank: what a reader of a cut file, and code scanning's top 5,000, see.
  return ranked.map((r, i) => ({ r, i })).sort((a, b) => a.r.rank - b.r.rank || a.i - b.i).map(({ r }) => r);
}

const count = (n: number) => n.toLocaleString('en-US');

/** "1,856 low, 12 waived": what a list of results holds, by kind, in rank order. */
function describeKinds(ranked: readonly Ranked[]): string {
  const kinds = new Map<string, number>();
  for (const r of ranked) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  return [...kinds].map(([kind, n]) => `${count(n)} ${kind}`).join(', ');
}

/**
 * SARIF 2.1.0 within GitHub code scanning's limits (src/report/limits.ts), most severe first.
 * What a limit leaves out is said in the run's tool execution notifications (SARIF 2.1.0 §3.20.21)
 * and returned as warnings for stderr.
 */
export function renderSarifWithin(report: Report, options: RenderOptions, limits: SarifLimits = SARIF_LIMITS): Rendered {
  const ownRules = [
    toolRule(INVALID_PROFILE, 'error', 'The profile could not be read or validated.', 'A profile with invalid YAML or keys and values the format does not allow cannot be judged; its partner and deals are left out of the report.', 'Fix the key or value at the reported line; `docs/format.md` describes every key.'),
    toolRule(UNSETTLED_VERDICT, 'warning', 'The verdict could still change: facts it depends on are not recorded.', 'Facts the rubric reads are absent from the profile, and their answers could move the verdict between its worst and best case. A GO on the known facts is reported CONDITIONAL until they are known.', 'Find out the facts the result names and record them in the profile (`partner-eval assess --interactive` asks them).'),
  ];
  const ranked = rankedResults(report, limits.locationsKept);
  const build = (kept: number, why: string | undefined): { text: string; warnings: string[] } => {
    const results = ranked.slice(0, kept).map((r) => r.result);
    // A rubric of more rules than a run may describe: only those the results name.
    const used = new Set(results.map((r) => r.ruleId));
    const all = [...options.rules.map(ruleDescriptor), ...ownRules];
    const rules = all.length <= limits.rulesPerRun ? all : all.filter((r) => used.has(r.id));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const indexed = results.map((r) => (ruleIndex.has(r.ruleId!) ? { ...r, ruleIndex: ruleIndex.get(r.ruleId!)! } : r));
    const warnings: string[] = [];
    if (why !== undefined) warnings.push(`SARIF: ${count(ranked.length)} results, more than ${why}: the ${count(kept)} most severe are written, ${count(ranked.length - kept)} left out (${describeKinds(ranked.slice(kept))}); the same command with \`--format json --output report.json\` writes all of it.`);
    if (kept > limits.resultsKept) warnings.push(`SARIF: GitHub code scanning keeps ${count(limits.resultsKept)} results of a run as alerts, and this file has ${count(kept)}: the file lists the most severe first (${describeKinds(ranked.slice(0, limits.resultsKept))} would be kept).`);
    const log: Sarif.Log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, informationUri: 'https://www.npmjs.com/package/partner-eval', rules } },
          ...(warnings.length ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: warnings.map((text) => ({ level: 'warning' as const, message: { text } })) }] } : {}),
          columnKind: 'utf16CodeUnits',
          results: indexed,
          properties: { rubric: report.rubric, assessedOn: report.assessedOn, summary: report.summary },
        },
      ],
    };
    return { text: `${JSON.stringify(log, null, 2)}\n`, warnings };
  };

  let kept = Math.min(ranked.length, limits.resultsPerRun);
  let rendered = build(kept, kept < ranked.length ? `the ${count(limits.resultsPerRun)} GitHub code scanning accepts in a run` : undefined);
  // The file's limit is on its gzip: measured only when the text alone could be over it.
  const gzipOf = (text: string) => (Buffer.byteLength(text) <= limits.gzipBytes ? 0 : gzipSync(text).length);
  for (let size = gzipOf(rendered.text); size > limits.gzipBytes && kept > 0; size = gzipOf(rendered.text)) {
    kept = Math.floor((kept * limits.gzipBytes * 0.9) / size);
    rendered = build(kept, `fit in the ${count(limits.gzipBytes / 1_000_000)} MB (gzip-compressed) GitHub code scanning accepts`);
  }
  return rendered;
}

/** `--format sarif`: the text, and warnings of what code scanning's limits left out. */
export const renderSarifLimited: LimitedReporter = (report, options) => renderSarifWithin(report, options);

export function renderSarif(report: Report, options: RenderOptions): string {
  return renderSarifWithin(report, options).text;
}
