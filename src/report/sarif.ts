// SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning among them): the rubric's
// rules as rule metadata with help, each red flag as a result at the line of its evidence, a
// fingerprint that survives the file being edited around it, and waivers as accepted suppressions.
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/types.js';
import type { Severity } from '../rubric/severity.js';
import type { RenderOptions, RuleInfo } from './index.js';
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

export function renderSarif(report: Report, options: RenderOptions): string {
  const rules = [
    ...options.rules.map(ruleDescriptor),
    toolRule(INVALID_PROFILE, 'error', 'The profile could not be read or validated.', 'A profile with invalid YAML or keys and values the format does not allow cannot be judged; its partner and deals are left out of the report.', 'Fix the key or value at the reported line; `docs/format.md` describes every key.'),
    toolRule(UNSETTLED_VERDICT, 'warning', 'The verdict could still change: facts it depends on are not recorded.', 'Facts the rubric reads are absent from the profile, and their answers could move the verdict between its worst and best case. A GO on the known facts is reported CONDITIONAL until they are known.', 'Find out the facts the result names and record them in the profile (`partner-eval assess --interactive` asks them).'),
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [];

  for (const p of report.problems) {
    results.push({
      ruleId: INVALID_PROFILE,
      ruleIndex: ruleIndex.get(INVALID_PROFILE)!,
      level: 'error',
      message: { text: sentence(`${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? ` (${p.hint})` : ''}`) },
      locations: [location(p.file, p.line, p.column)],
      partialFingerprints: { 'partnerEval/v1': fingerprint(INVALID_PROFILE, p.file, p.path, p.message) },
    });
  }

  type Entity = Pick<OpportunityReport, 'id' | 'name' | 'verdict' | 'file' | 'line' | 'column' | 'score' | 'range' | 'openQuestions'>;
  const add = (entity: Entity, partnerId: string, opportunityId: string | undefined, findings: readonly Finding[]) => {
    const { range } = entity;
    const judged = { verdict: entity.verdict, score: entity.score, range: { worst: range.worst, best: range.best, settled: range.settled } };
    if (!range.settled) {
      const deciding = entity.openQuestions.filter((q) => q.decidesVerdict);
      results.push({
        ruleId: UNSETTLED_VERDICT,
        ruleIndex: ruleIndex.get(UNSETTLED_VERDICT)!,
        level: 'warning',
        kind: 'review',
        message: { text: sentence(`${entity.name}: ${entity.verdict}, ${describeUnsettled(range)}${deciding.length ? `. Find out first: ${deciding.map((q) => q.question).join(' ')}` : ''}`) },
        locations: [location(entity.file, entity.line, entity.column)],
        partialFingerprints: { 'partnerEval/v1': fingerprint(UNSETTLED_VERDICT, partnerId, opportunityId ?? '') },
        properties: { ...judged, partner: partnerId, ...(opportunityId ? { opportunity: opportunityId } : {}), openQuestions: entity.openQuestions.map((q) => q.field) },
      });
    }
    for (const f of findings) {
      const isFlag = (f.outcome === 'flagged' || f.outcome === 'waived') && f.severity !== 'green';
      if (!isFlag) continue;
      const where = f.evidence[0] ?? entity;
      const text = `${entity.name}: ${f.message ?? f.title}`;
      results.push({
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
        level: LEVEL[f.severity],
        message: { text: sentence(text) },
        locations: [location(where.file, where.line, where.column)],
        relatedLocations: f.evidence.slice(1).map((e, i) => ({ id: i + 1, ...location(e.file, e.line, e.column), message: { text: e.path } })),
        // Stable across edits that move lines: the rule, the partner and the deal identify a flag.
        partialFingerprints: { 'partnerEval/v1': fingerprint(f.ruleId, partnerId, opportunityId ?? '') },
        ...(f.outcome === 'waived' && f.waiver ? { suppressions: [{ kind: 'inSource' as const, status: 'accepted' as const, justification: `${f.waiver.reason} (approved by ${f.waiver.approvedBy}, until ${f.waiver.expires})` }] } : {}),
        properties: { severity: f.severity, ...(f.possibleSeverity ? { possibleSeverity: f.possibleSeverity } : {}), ...judged, partner: partnerId, ...(opportunityId ? { opportunity: opportunityId } : {}), ...(f.mitigation ? { mitigation: f.mitigation } : {}) },
      });
    }
  };
  for (const p of report.partners) {
    add(p, p.id, undefined, p.findings);
    for (const o of p.opportunities) add({ ...o, name: `${p.name} → ${o.name}` }, p.id, o.id, dealFindings(o));
  }
  for (const o of report.opportunities) add(o, '', o.id, o.findings);

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, informationUri: 'https://www.npmjs.com/package/partner-eval', rules } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { rubric: report.rubric, assessedOn: report.assessedOn, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
