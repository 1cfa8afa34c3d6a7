// The one report model every format renders, and the fail policy read from it. Its JSON form is
// the documented, versioned report that CI scripts parse (docs/report.md): names here are a
// contract; add keys, never rename. It is the engine's output, so the engine builds it; wording
// of it for people is the reporters' (report/wording.ts).
import { hasEnded } from '../format/schema.js';
import type { DecideOn } from '../rubric/schema.js';
import type { Rubric } from '../rubric/load.js';
import type { Problem } from '../util/errors.js';
import { TOOL } from '../util/tool.js';
import type { OpportunityAssessment, PartnerAssessment } from './evaluate.js';
import type { Verdict } from './score.js';
import type { Transition } from './transitions.js';
import type { Finding, Outcome } from './types.js';

export interface OpportunityReport extends Omit<OpportunityAssessment, 'findings'> {
  findings: Finding[];
}

export interface PartnerReport extends Omit<PartnerAssessment, 'findings' | 'opportunities'> {
  findings: Finding[];
  opportunities: OpportunityReport[];
}

export interface Report {
  reportVersion: 1;
  tool: { name: string; version: string };
  /** `decideOn`: what may hold a GO back while facts are open (docs/rules.md). */
  rubric: { name: string; version: number; decideOn: DecideOn };
  /** The date the assessment was made as of. */
  assessedOn: string;
  partners: PartnerReport[];
  /** Direct deals: opportunities with no partner. */
  opportunities: OpportunityReport[];
  /** Files that could not be judged, and why (`check` goes on past them; `assess` stops). */
  problems: Problem[];
  /** With `check --changed-since`: the revision, the files changed since, and what that did. */
  changedSince?: ChangedSince;
  transitions?: Transition[];
  /**
   * Verdict counts are over partners and direct deals; `unsettled` counts those whose verdict open
   * questions could still change. `deals` counts every deal, a partner's and direct ones. Ended
   * partnerships (`ended` of them) and their deals are history: listed, never counted, as they
   * never fail a run.
   */
  summary: { partners: number; opportunities: number; go: number; conditional: number; noGo: number; unsettled: number; deals: VerdictCounts; ended: number; invalidFiles: number };
}

/** What `check --changed-since` compared with (docs/report.md, "changedSince"). */
export interface ChangedSince {
  /** As given (`origin/main`). */
  revision: string;
  /** The commit it names. */
  commit: string;
  /** The merge base of that commit and HEAD: what the before side is judged at. */
  mergeBase: string;
  /** Profile files changed since the merge base, by their names now (a deleted one by its old name). */
  changedFiles: string[];
  /** Files git saw renamed, `{ from, to }`. */
  renamed: { from: string; to: string }[];
  /** The rubric (or a file it extends) differs: every profile was judged before, with the old rubric, and after. */
  rubricChanged: boolean;
  /** `.partner-eval.yaml` differs: likewise. */
  configChanged: boolean;
  /** Files of `problems` that had problems at the merge base too: they did not get worse. */
  invalidBefore: string[];
  /** Why the merge base could not be judged (its rubric or config is broken): every partner then reads as new. */
  baseProblem?: string;
}

export interface VerdictCounts {
  go: number;
  conditional: number;
  noGo: number;
  unsettled: number;
}

const ALWAYS: ReadonlySet<Outcome> = new Set(['flagged', 'waived', 'unknown']);

/** A finding with its keys in the documented order (what a person reading the JSON sees first). */
const FINDING_KEYS = ['ruleId', 'title', 'outcome', 'severity', 'possibleSeverity', 'scope', 'message', 'mitigation', 'evidence', 'question', 'missing', 'waiver', 'expiredWaiver', 'reason'] as const satisfies readonly (keyof Finding)[];

function ordered(f: Finding): Finding {
  const out: Partial<Record<keyof Finding, unknown>> = {};
  for (const key of FINDING_KEYS) if (f[key] !== undefined) out[key] = f[key];
  return out as Finding;
}

/** Flagged, waived and unknown outcomes always; passed and not-applicable with `verbose`. */
export function visibleFindings(findings: readonly Finding[], verbose: boolean): Finding[] {
  return (verbose ? findings : findings.filter((f) => ALWAYS.has(f.outcome))).map(ordered);
}

export function buildReport(partners: readonly PartnerAssessment[], directDeals: readonly OpportunityAssessment[], rubric: Rubric, options: { verbose: boolean; today: string; problems?: readonly Problem[] }): Report {
  // A deal lists its own findings; the relationship's, which its verdict also counts, are its partner's.
  const opportunity = (o: OpportunityAssessment): OpportunityReport => ({ ...o, findings: visibleFindings(o.findings.filter((f) => f.scope === 'opportunity'), options.verbose) });
  return {
    reportVersion: 1,
    tool: { ...TOOL },
    rubric: { name: rubric.name, version: rubric.version, decideOn: rubric.decideOn },
    assessedOn: options.today,
    partners: partners.map((p) => ({ ...p, findings: visibleFindings(p.findings, options.verbose), opportunities: p.opportunities.map(opportunity) })),
    opportunities: directDeals.map(opportunity),
    problems: [...(options.problems ?? [])],
    summary: summarize(partners, directDeals, options.problems ?? []),
  };
}

type Counted = { verdict: Verdict; range: { settled: boolean } };
type CountedPartner = Counted & Pick<PartnerReport, 'outcome'> & { opportunities: readonly Counted[] };

export function countVerdicts(judged: readonly Counted[]): VerdictCounts {
  const count = (v: Verdict) => judged.filter((e) => e.verdict === v).length;
  return { go: count('GO'), conditional: count('CONDITIONAL'), noGo: count('NO-GO'), unsettled: judged.filter((e) => !e.range.settled).length };
}

/** Counts for the summary; verdict counts are over partners and direct deals, `deals` over every deal. */
export function summarize(partners: readonly CountedPartner[], directDeals: readonly Counted[], problems: readonly Problem[]): Report['summary'] {
  const current = partners.filter((p) => !isEnded(p));
  const deals = [...current.flatMap((p) => p.opportunities), ...directDeals];
  return {
    partners: partners.length,
    opportunities: deals.length,
    ...countVerdicts([...current, ...directDeals]),
    deals: countVerdicts(deals),
    ended: partners.length - current.length,
    invalidFiles: new Set(problems.map((p) => p.file)).size,
  };
}

/** The report as a reader without --verbose sees it: no passed or not-applicable outcomes. */
export function withoutQuietOutcomes(report: Report): Report {
  const hide = <T extends { findings: Finding[] }>(e: T): T => ({ ...e, findings: e.findings.filter((f) => ALWAYS.has(f.outcome)) });
  return { ...report, partners: report.partners.map((p) => ({ ...hide(p), opportunities: p.opportunities.map(hide) })), opportunities: report.opportunities.map(hide) };
}

/** A deal's own findings, without the relationship's (which its partner's findings already list). */
export function dealFindings(o: OpportunityReport): Finding[] {
  return o.findings.filter((f) => f.scope === 'opportunity');
}

/** A verdict level to fail on, or `worse`: fail on what a change made worse (with `check --changed-since`). */
/** Levels a verdict can reach, for `--fail-on` and a config's `failOn` (which cannot say `worse`). */
export const FAIL_LEVELS = ['no-go', 'conditional', 'unknown', 'never'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];
export type FailOn = FailLevel | 'worse';
export const FAIL_ON: readonly FailOn[] = [...FAIL_LEVELS, 'worse'];

/** An ended partnership (`outcome.status: ended`): history, kept for backtest. */
export function isEnded(partner: Pick<PartnerReport, 'outcome'>): boolean {
  return hasEnded(partner.outcome);
}

type Judged = { verdict: Verdict; range: { settled: boolean } };

/** Whether one verdict reaches a level: `no-go` NO-GO, `conditional` also CONDITIONAL, `unknown` also unsettled. */
function reachesLevel(e: Judged, level: FailLevel): boolean {
  if (level === 'never') return false;
  if (e.verdict === 'NO-GO') return true;
  if (level === 'no-go') return false;
  if (e.verdict === 'CONDITIONAL') return true;
  return level === 'unknown' && !e.range.settled;
}

/** Partners and deals with their transition keys (`acme`, `acme/deal`, a direct deal's id); ended partnerships and their deals left out. */
function current(report: Report): [string, Judged][] {
  // An ended partnership is history (kept for backtest): reported, never a reason to fail a run.
  const partners = report.partners.filter((p) => !isEnded(p));
  return [...partners.flatMap((p): [string, Judged][] => [[p.id, p], ...p.opportunities.map((o): [string, Judged] => [`${p.id}/${o.id}`, o])]), ...report.opportunities.map((o): [string, Judged] => [o.id, o])];
}

/**
 * Whether the report reaches `--fail-on`: `no-go` fails on any NO-GO verdict, `conditional` also
 * on CONDITIONAL, `unknown` also on any verdict that open questions could still change. `worse`
 * reads the transitions (`check --changed-since`): it fails when a verdict got worse, or when a
 * partner or deal is new at `newAt` (the level a full check fails on: the config's, else no-go).
 * A renamed partner is the same partner: it fails only if it also got worse.
 */
export function reachesFailOn(report: Report, failOn: FailOn, options: { newAt?: FailLevel } = {}): boolean {
  return failingKeys(report, failOn, options).size > 0;
}

/**
 * The partners and deals that make the run fail, by transition key (`acme`, `acme/deal`, a direct
 * deal's id): the run fails when there is one, and JUnit fails exactly their verdict cases.
 */
export function failingKeys(report: Report, failOn: FailOn, options: { newAt?: FailLevel } = {}): Set<string> {
  if (failOn === 'never') return new Set();
  const all = current(report);
  if (failOn !== 'worse') return new Set(all.filter(([, e]) => reachesLevel(e, failOn)).map(([key]) => key));
  const newAt = options.newAt ?? 'no-go';
  const now = new Map(all);
  const failing = (report.transitions ?? []).filter((t) => {
    const e = now.get(t.key);
    return e !== undefined && (t.change === 'worse' || (t.change === 'new' && reachesLevel(e, newAt)));
  });
  return new Set(failing.map((t) => t.key));
}

/**
 * The problems that make a run exit 2 ("could not judge"). With `worse`, a file that already had
 * problems at the merge base and still has some did not get worse, so it does not count; a file
 * refused at the trust boundary always does (an attack or a mistake, whatever changed).
 */
export function problemsThatFail(report: Report, failOn: FailOn): Problem[] {
  if (failOn !== 'worse' || !report.changedSince) return report.problems;
  const before = new Set(report.changedSince.invalidBefore);
  return report.problems.filter((p) => p.code === 'outside-repository' || !before.has(p.file));
}
