// Reporters: a format name → a function from the report model to text, and what the format needs
// (its capabilities). `--format` choices come from these maps' keys. Each is imported when used,
// so `assess` loads only its own format.
import type { Backtest } from '../engine/backtest.js';
import type { Rubric } from '../rubric/load.js';
import type { Severity } from '../rubric/severity.js';
import type { FailLevel, FailOn, Report } from '../engine/report-model.js';

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
  /** `--fail-on`, for reports that mark what fails the run (JUnit); `no-go` when not given. */
  failOn?: FailOn;
  /** With `--fail-on worse`: the level at which a new partner or deal fails (the config's failOn). */
  failNewAt?: FailLevel;
  /**
   * What this step's job summary holds of the report, when the command wrote one before rendering
   * (src/commands/emit.ts): all of it, or the worst of it within GitHub's limit. The github format
   * says where the findings it cannot show as annotations are.
   */
  stepSummary?: 'whole' | 'folded';
}

export function ruleInfos(rubric: Rubric): RuleInfo[] {
  return rubric.rules
    .filter((r) => r.enabled)
    .map((r) => ({ id: r.id, title: r.title, scope: r.scope, severity: r.severity, rationale: r.rationale, ...(r.mitigation ? { mitigation: r.mitigation.source } : {}), ...(r.source ? { source: r.source } : {}), ...(r.points !== undefined ? { points: r.points } : {}) }));
}

/** A format that builds the report as one string: the report is small next to what it reads. */
export type Reporter = (report: Report, options: RenderOptions) => string;
/** A format that yields the report in pieces, so that a report on thousands of profiles is never one string. */
export type StreamingReporter = (report: Report, options: RenderOptions) => Iterable<string>;
/** A format's text and what it warns of: what a platform's limit left out of it, and where all of it is (the command prints these on stderr). */
export interface Rendered {
  text: string;
  warnings: string[];
}
/** A format kept within a platform's limit (src/report/limits.ts), that says what the limit left out. */
export type LimitedReporter = (report: Report, options: RenderOptions) => Rendered;

/**
 * What a format needs from the command that renders it, beyond the report itself
 * (src/commands/emit.ts reads these; no code outside the reporters asks which format it is).
 */
interface Capabilities {
  /** Shows every rule outcome, passed and not applicable too, whatever --verbose says. */
  needsEveryOutcome?: true;
  /** In a GitHub Actions job ($GITHUB_STEP_SUMMARY), the full markdown report goes to the job summary too. */
  writesStepSummary?: true;
}

export type ReporterEntry = Capabilities &
  ({ streams?: undefined; limited?: undefined; load: () => Promise<Reporter> } | { streams: true; limited?: undefined; load: () => Promise<StreamingReporter> } | { limited: true; streams?: undefined; load: () => Promise<LimitedReporter> });

export const REPORTERS: Record<string, ReporterEntry> = {
  table: { load: async () => (await import('./table.js')).renderTable },
  // A partner at a time: `check --format json` on a large repository is what CI scripts parse.
  json: { streams: true, load: async () => (await import('./json.js')).jsonChunks },
  // Within GitHub's limit of a comment, worst first; the rest counted.
  markdown: { limited: true, load: async () => (await import('./markdown.js')).renderMarkdownLimited },
  // GitHub shows 10 annotations per level and step; the job summary lists the rest, within its 1 MiB.
  github: { writesStepSummary: true, load: async () => (await import('./github.js')).renderGithub },
  // One test case per rule outcome, passed ones included.
  junit: { needsEveryOutcome: true, load: async () => (await import('./junit.js')).renderJunit },
  // Within code scanning's limits, most severe first; what is left out is a notification in the run.
  sarif: { limited: true, load: async () => (await import('./sarif.js')).renderSarifLimited },
  html: { load: async () => (await import('./html.js')).renderHtml },
};

/** `portfolio --format`: the ranked table of partners (src/report/portfolio.ts). */
export const PORTFOLIO_REPORTERS = {
  table: async () => (await import('./portfolio.js')).portfolioTable,
  json: async () => (await import('./portfolio.js')).portfolioJson,
  markdown: async () => (await import('./portfolio.js')).portfolioMarkdown,
} satisfies Record<string, () => Promise<(report: Report, color: boolean) => string | Promise<string>>>;
export type PortfolioFormat = keyof typeof PORTFOLIO_REPORTERS;

/** `backtest --format`: how each rule and the verdict foretold past partnerships (src/report/backtest.ts). */
export const BACKTEST_REPORTERS = {
  table: async () => (await import('./backtest.js')).backtestTable,
  json: async () => (await import('./backtest.js')).backtestJson,
  markdown: async () => (await import('./backtest.js')).backtestMarkdown,
} satisfies Record<string, () => Promise<(backtest: Backtest, color: boolean) => string | Promise<string>>>;
export type BacktestFormat = keyof typeof BACKTEST_REPORTERS;
