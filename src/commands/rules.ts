// `partner-eval rules`: the rules of the rubric in use.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { loadRubric, type CompiledRule, type Rubric } from '../rubric/load.js';
import { formatParams, paramValues } from '../rubric/cel.js';
import { describePolicy } from '../engine/judgement.js';
import { forTerminal, withoutWorkflowCommands } from '../util/escape.js';

export interface RulesOptions {
  rubric: string;
  format: 'table' | 'json';
  color: boolean;
}

const DESCRIPTIVE = new Set(['title', 'rationale', 'source']);

/** `default`, or `default` then each rubric that changed it and what: where to look when a rule surprises. */
function provenance(rule: CompiledRule, c: InstanceType<typeof Chalk>): string {
  // Wording (title, rationale, source) changes nothing a report decides: the JSON lists it.
  const changes = rule.changedBy.map((change) => `${forTerminal(change.rubric)}: ${change.fields.filter((f) => !DESCRIPTIVE.has(f)).join(', ') || 'wording'}`);
  return [forTerminal(rule.definedAt.rubric), ...changes.map((line) => c.dim(`↳ ${line}`))].join('\n');
}

function rulesJson(rubric: Rubric): string {
  const list = rubric.rules.map((r) => ({
    id: r.id, title: r.title, scope: r.scope, severity: r.severity, escalatesTo: r.escalate.map((e) => e.severity), appliesTo: r.appliesTo ?? null, enabled: r.enabled, waivable: r.waivable, points: r.points ?? null,
    params: paramValues(r.params), source: r.source ?? null, definedAt: r.definedAt, changedBy: r.changedBy,
  }));
  return `${JSON.stringify({ rubric: { name: rubric.name, version: rubric.version, file: rubric.file, decideOn: rubric.decideOn, thresholds: rubric.thresholds, points: rubric.points }, rules: list }, null, 2)}\n`;
}

function rulesTable(rubric: Rubric, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const table = new Table({ head: ['id', 'scope', 'severity', 'enabled', 'params', 'from'], style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const r of rubric.rules) {
    const severity = `${[r.severity, ...r.escalate.map((e) => e.severity)].join(' → ')}${r.points !== undefined ? ` (${r.points} points)` : ''}`;
    table.push([forTerminal(r.id), r.scope, severity, r.enabled ? 'yes' : c.yellow('no'), forTerminal(formatParams(r.params)).replaceAll(', ', '\n'), provenance(r, c)]);
  }
  const { go, noGo } = rubric.thresholds;
  // The rubric's name, file and params may come from a pull request.
  return withoutWorkflowCommands(`${c.bold(`Rubric ${forTerminal(rubric.name)}`)} ${c.dim(`(${forTerminal(rubric.file)})`)}: ${rubric.rules.length} rules. GO at ${go}+, NO-GO below ${noGo}.\nOpen questions: ${describePolicy(rubric.decideOn)}\n${table.toString()}\nRun \`partner-eval explain <id>\` for what a rule checks, why, and where it is defined.\n`);
}

const RENDER: Record<RulesOptions['format'], (rubric: Rubric, color: boolean) => string> = { table: rulesTable, json: rulesJson };

export function rules(options: RulesOptions, write: (text: string) => void): number {
  write(RENDER[options.format](loadRubric(options.rubric), options.color));
  return 0;
}
