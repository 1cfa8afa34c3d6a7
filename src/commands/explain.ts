// `partner-eval explain <rule-id>`: what a rule checks, why, and what it reads.
import { Chalk } from 'chalk';
import { describeKinds, fieldInfo } from '../format/fields.js';
import { METRICS, type MetricName } from '../format/metrics.js';
import { formatParams, paramValues } from '../rubric/cel.js';
import { loadRubric, type CompiledRule, type Rubric } from '../rubric/load.js';
import { moreSevere } from '../rubric/severity.js';
import { describePolicy, type DecideOn } from '../engine/judgement.js';
import { UsageError } from '../util/errors.js';
import { nearest } from '../util/text.js';
import { forTerminal, withoutWorkflowCommands } from '../util/escape.js';

export interface ExplainOptions {
  ruleId: string;
  rubric: string;
  format: 'text' | 'json';
  color: boolean;
}

function meaningOf(path: string): string {
  if (path.startsWith('metrics.')) return METRICS[path.slice(8) as MetricName]?.meaning ?? '';
  return fieldInfo(path)?.meaning ?? '';
}

/** " (customer deals only, partner-brought)" after an opportunity rule's scope. */
function scopeNote(rule: CompiledRule): string {
  const notes = [rule.appliesTo ? `${describeKinds(rule.appliesTo)} only` : '', rule.requiresPartner ? 'partner-brought deals only' : ''].filter(Boolean);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

function explainRule(untrusted: CompiledRule, color: boolean, decideOn: DecideOn = 'worst-case'): string {
  // The rubric's texts may come from a pull request: terminal-safe before our colours go around them.
  const rule = { ...untrusted, title: forTerminal(untrusted.title), id: forTerminal(untrusted.id), when: forTerminal(untrusted.when), rationale: forTerminal(untrusted.rationale), source: untrusted.source && forTerminal(untrusted.source), escalate: untrusted.escalate.map((e) => ({ ...e, when: forTerminal(e.when) })), reads: untrusted.reads.map(forTerminal) };
  const mitigation = untrusted.mitigation && forTerminal(untrusted.mitigation.source);
  const c = new Chalk({ level: color ? 1 : 0 });
  const severity = [rule.severity, ...rule.escalate.map((e) => `${e.severity} when ${e.when}`)].join('; ');
  const lines = [
    `${c.bold(rule.title)} ${c.dim(`(${rule.id})`)}`,
    '',
    `${c.bold('Scope:')}     ${rule.scope}${scopeNote(rule)}`,
    `${c.bold('Severity:')}  ${severity}${rule.points !== undefined ? `; a flag ${rule.severity === 'green' ? 'adds' : 'costs'} ${rule.points} points (set by the rubric)` : ''}`,
    `${c.bold('Waivable:')}  ${rule.waivable ? 'yes' : 'no'}${rule.enabled ? '' : `    ${c.yellow('disabled in this rubric')}`}`,
    `${c.bold('Flags when:')} ${rule.when}`,
    ...(Object.keys(rule.params).length ? [`${c.bold('Params:')}    ${forTerminal(formatParams(rule.params))}`] : []),
    `${c.bold('Unknown:')}   ${rule.severity === 'green' ? 'while a fact it reads is absent, it adds nothing (its best case adds its points)' : `while a fact it reads is absent, its worst case is a flag at ${[rule.severity, ...rule.escalate.map((e) => e.severity)].reduce(moreSevere)}`}; ${describePolicy(decideOn)}`,
    '',
    c.bold('Why'),
    `  ${rule.rationale}`,
    ...(rule.source ? [`  ${c.dim(`Source: ${rule.source.split(/,\s*/).map((s) => `seed ${s}`).join(', ')}`)}`] : []),
  ];
  if (mitigation) {
    // Shown as written: placeholders quote a profile's facts when a report renders them.
    lines.push('', c.bold('What to ask for instead'), `  ${mitigation}`);
  }
  lines.push('', c.bold('Fields it reads'), ...rule.reads.map((r) => `  ${r.padEnd(48)} ${c.dim(meaningOf(r))}`));
  return withoutWorkflowCommands(`${lines.join('\n')}\n`);
}

function explainJson(rule: CompiledRule, rubric: Rubric): string {
  return `${JSON.stringify({ id: rule.id, title: rule.title, scope: rule.scope, severity: rule.severity, escalate: rule.escalate.map((e) => ({ severity: e.severity, when: e.when })), waivable: rule.waivable, enabled: rule.enabled, requiresPartner: rule.requiresPartner, appliesTo: rule.appliesTo ?? null, when: rule.when, reads: rule.reads, rationale: rule.rationale, source: rule.source ?? null, mitigation: rule.mitigation?.source ?? null, message: rule.message.source, params: paramValues(rule.params), decideOn: rubric.decideOn, definedAt: rule.definedAt, changedBy: rule.changedBy }, null, 2)}\n`;
}

const RENDER: Record<ExplainOptions['format'], (rule: CompiledRule, rubric: Rubric, color: boolean) => string> = {
  text: (rule, rubric, color) => explainRule(rule, color, rubric.decideOn),
  json: explainJson,
};

export function explain(options: ExplainOptions, write: (text: string) => void): number {
  const rubric = loadRubric(options.rubric);
  const rule = rubric.rules.find((r) => r.id === options.ruleId);
  if (!rule) {
    const suggestion = nearest(options.ruleId, rubric.rules.map((r) => r.id)) ?? rubric.rules.map((r) => r.id).find((id) => id.includes(options.ruleId));
    throw new UsageError(`expected a rule id of the ${rubric.name} rubric, got "${options.ruleId}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, 'run `partner-eval rules` to list them');
  }
  write(RENDER[options.format](rule, rubric, options.color));
  return 0;
}
