// Reporters: a format name → a function from the report model to text. `--format` choices come
// from this map's keys. Each is imported when used, so `assess` loads only its own format.
import type { Rubric } from '../rubric/load.js';
import type { Severity } from '../rubric/severity.js';
import type { Report } from '../engine/report-model.js';

/** What reporters need to know of a rule beyond its findings (SARIF rule metadata, help). */
export interface RuleInfo {
  id: string;
  title: string;
  scope: 'partner' | 'opportunity';
  severity: Severity;
  rationale: string;
  mitigation?: string;
  source?: string;
  /** The rule's own points, when it overrides its severity's. */
  points?: number;
}

export interface RenderOptions {
  /** The rules of the rubric in use. */
  rules: readonly RuleInfo[];
  color: boolean;
  verbose: boolean;
  quiet: boolean;
  /** Terminal width for wrapping; undefined when not a terminal. */
  width?: number;
  /** The rubric's points and thresholds, for reports that show how a score was reached. */
  points?: Record<Severity, number>;
  thresholds?: { go: number; noGo: number };
}

export function ruleInfos(rubric: Rubric): RuleInfo[] {
  return rubric.rules
    .filter((r) => r.enabled)
    .map((r) => ({ id: r.id, title: r.title, scope: r.scope, severity: r.severity, rationale: r.rationale, ...(r.mitigation ? { mitigation: r.mitigation.source } : {}), ...(r.source ? { source: r.source } : {}), ...(r.points !== undefined ? { points: r.points } : {}) }));
}

export type Reporter = (report: Report, options: RenderOptions) => string;

export const REPORTERS: Record<string, () => Promise<Reporter>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  github: async () => (await import('./github.js')).renderGithub,
  junit: async () => (await import('./junit.js')).renderJunit,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  html: async () => (await import('./html.js')).renderHtml,
};
