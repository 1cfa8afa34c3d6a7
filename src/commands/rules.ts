// `partner-eval rules`: the rules of the rubric in use.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { loadRubric } from '../rubric/load.js';

export interface RulesOptions {
  rubric: string;
  format: 'table' | 'json';
  color: boolean;
}

export function rules(options: RulesOptions, write: (text: string) => void): number {
  const rubric = loadRubric(options.rubric);
  if (options.format === 'json') {
    const list = rubric.rules.map((r) => ({ id: r.id, title: r.title, scope: r.scope, severity: r.severity, escalatesTo: r.escalate.map((e) => e.severity), enabled: r.enabled, waivable: r.waivable, source: r.source ?? null }));
    write(`${JSON.stringify({ rubric: { name: rubric.name, version: rubric.version, file: rubric.file, thresholds: rubric.thresholds, points: rubric.points }, rules: list }, null, 2)}\n`);
    return 0;
  }
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({ head: ['id', 'scope', 'severity', 'enabled', 'title'], style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] } });
  for (const r of rubric.rules) {
    const severity = [r.severity, ...r.escalate.map((e) => e.severity)].join(' → ');
    table.push([r.id, r.scope, severity, r.enabled ? 'yes' : c.yellow('no'), r.title]);
  }
  const { go, noGo } = rubric.thresholds;
  write(`${c.bold(`Rubric ${rubric.name}`)} ${c.dim(`(${rubric.file})`)}: ${rubric.rules.length} rules. GO at ${go}+, NO-GO below ${noGo}.\n${table.toString()}\nRun \`partner-eval explain <id>\` for what a rule checks and why.\n`);
  return 0;
}
