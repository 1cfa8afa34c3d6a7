// Rubric × entity → findings, then score and verdict. Pure: no I/O, `today` is an input.
import { describeKinds, FIELDS, fieldInfo, HISTORY_FIELDS, KIND_NAMES } from '../format/fields.js';
import { positionOf, type LoadedOpportunity, type LoadedPartner, type Origin } from '../format/load.js';
import { hasEnded, INVESTMENT_KINDS, opportunityKind, opportunitySchema, partnerSchema, type OpportunityKind, type Waiver } from '../format/schema.js';
import { CelLimitError, evaluateLogic, evaluationContext, presenceOf, renderTemplate, resetBudget, toCelValue, type Absent, type Tri } from '../rubric/cel.js';
import type { CompiledRule, Rubric } from '../rubric/load.js';
import { compareSeverities, moreSevere } from '../rubric/severity.js';
import { RubricError, type Problem } from '../util/errors.js';
import { formatMoney } from '../util/money.js';
import { problem } from '../util/problems.js';
import { METRICS, type MetricName, type Metrics } from '../format/metrics.js';
import { opportunityMetrics, partnerMetrics, type MetricGaps } from './metrics.js';
import { judge, type OpenQuestion, type Range } from './judgement.js';
import type { Verdict } from './score.js';
import type { Evidence, Finding } from './types.js';
import { excerpt } from '../util/text.js';

export interface Capital {
  ours: number | null;
  theirs: number | null;
  skinRatio: number | null;
  currency: string;
}

/** Where an entity is declared: the `partner:` key, or the deal's list item or `opportunity:` key. */
export interface Declared {
  file: string;
  line: number;
  column: number;
}

/** How much of what the rubric reads is known: present facts, out of those plus the open questions. */
export interface FactCount {
  known: number;
  total: number;
}

/** The verdict and what stands between it and a settled one (src/engine/judgement.ts). */
export interface Judged {
  verdict: Verdict;
  /** The score on the known facts. */
  score: number;
  range: Range;
  openQuestions: OpenQuestion[];
  facts: FactCount;
  conditions: string[];
}

export interface OpportunityAssessment extends Declared, Judged {
  id: string;
  name: string;
  partnerId: string | null;
  /** `customer-deal` unless the deal says it is `enablement` or `joint-development`. */
  kind: OpportunityKind;
  /** What the deal asks of each side upfront (its commitments); null while they are not known. */
  asks: { ours: number; theirs: number } | null;
  /** The skin ratio if we said yes: the ledger plus this deal's ask, theirs ÷ ours; null when not known or we would put in nothing. */
  skinRatioIfYes: number | null;
  /** What it puts at risk, as far as it is known: see `capitalAtRiskComplete`. */
  capitalAtRisk: number;
  /** False while a part of it is not known (its commitments, or the value of a loan asked for): the amount is then "at least". */
  capitalAtRiskComplete: boolean;
  value: number | null;
  currency: string;
  /** Deal rules, then the partner's relationship findings that also count for this deal. */
  findings: Finding[];
}

/** What each side has spent, of one kind (its ledger entries): the investment balance. */
export interface BalanceRow {
  kind: string;
  ours: number;
  theirs: number;
}

export interface PartnerAssessment extends Declared, Judged {
  id: string;
  name: string;
  capital: Capital;
  /** By kind, in the format's order of kinds; empty when the ledger is unknown. */
  balance: BalanceRow[];
  /** When the profile was last reviewed (YYYY-MM-DD), if it says. */
  reviewed: string | null;
  /** How a past partnership turned out, when the profile says (backtest compares verdicts with it). */
  outcome?: { status?: 'active' | 'ended'; result?: 'success' | 'failure' | 'mixed'; ended?: string };
  findings: Finding[];
  opportunities: OpportunityAssessment[];
}

export interface AssessOptions {
  /** ISO date the assessment is made on: waiver expiry and "days since" use it. */
  today: string;
}

interface Scope {
  context: Record<string, unknown>;
  partner?: LoadedPartner;
  opportunity?: LoadedOpportunity;
  metrics: Metrics;
  /** Metrics unknown because entries of a list leave out a fact they need: those facts are the questions. */
  gaps: MetricGaps;
  /** Metrics that cannot exist here (not questions), and what is known of those with gaps. */
  absent: Absent;
}

function celMetrics(metrics: Metrics): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(metrics)) {
    out[name] = METRICS[name as MetricName].type === 'int' ? BigInt(Math.round(value)) : value;
  }
  return out;
}

/**
 * What is known of the absent metrics: those that cannot exist here (`metrics.skinRatio` when we
 * have put in nothing, `upfrontShareOfValue` of a deal worth 0), and the values a metric with gaps
 * can still take (every whole number from its low to its high, or the two ends of an amount).
 */
function absentMetrics(metrics: Metrics, gaps: MetricGaps, context: Record<string, unknown>): Absent {
  const inapplicable = new Set<string>();
  const candidates = new Map<string, unknown[]>();
  for (const [name, def] of METRIC_ENTRIES) {
    if (metrics[name] !== undefined) continue;
    const gap = gaps[name];
    if (gap) {
      const isCount = def.type === 'int' && gap.high - gap.low <= 50;
      candidates.set(`metrics.${name}`, isCount ? Array.from({ length: gap.high - gap.low + 1 }, (_, i) => BigInt(gap.low + i)) : def.type === 'int' ? [BigInt(gap.low), BigInt(gap.high)] : [gap.low, gap.high]);
    } else if (def.sources.every((source) => presenceOf(context, source) === 'present')) inapplicable.add(`metrics.${name}`);
  }
  // A change nobody recorded did not happen: the keys of an absent history record do not apply.
  for (const [history, fields] of HISTORY_KEYS) if (presenceOf(context, history) === 'absent') for (const field of fields) inapplicable.add(field);
  return { inapplicable, candidates };
}

const METRIC_ENTRIES = Object.entries(METRICS) as [MetricName, (typeof METRICS)[MetricName]][];

/** Each history record with the fields under it, listed once. */
const HISTORY_KEYS: readonly (readonly [string, readonly string[]])[] = HISTORY_FIELDS.map((history) => [history, Object.keys(FIELDS).filter((field) => field.startsWith(`${history}.`))]);

/** Whether the profile states the field: a kind the format defaults is no fact the profile records, nor evidence. */
function isStated(field: string, scope: Scope): boolean {
  if (field === 'opportunity.kind' && scope.opportunity?.data.kind === undefined) return false;
  return presenceOf(scope.context, field) === 'present';
}

function originOf(path: string, scope: Scope): Origin | undefined {
  if (path.startsWith('partner')) return scope.partner?.origin;
  if (path.startsWith('opportunity')) return scope.opportunity?.origin;
  return undefined;
}

/**
 * Format fields behind a read path: metrics stand for the fields they are computed from, or, while
 * entries of a list leave out what they need, for those entries' facts.
 */
function fieldsBehind(path: string, scope: Scope): string[] {
  if (!path.startsWith('metrics.')) return [path];
  const name = path.slice('metrics.'.length) as MetricName;
  const gaps = scope.gaps[name];
  if (gaps) return gaps.paths;
  const metric = METRICS[name];
  return metric ? [...metric.sources] : [];
}

/** "The $48,000 of lab-hardware we put in on 2024-05-10 ("two units")" and the like: which entry a question is about. */
function describeEntry(list: string, entry: Record<string, unknown>, currency: string): string {
  const note = typeof entry.note === 'string' ? ` ("${entry.note}")` : typeof entry.summary === 'string' ? ` ("${entry.summary}")` : '';
  if (list.endsWith('escalations')) return `The problem raised on ${String(entry.raised)}${note}`;
  const who = entry.by === 'us' ? 'we put in' : 'the partner put in';
  const when = typeof entry.date === 'string' ? ` on ${entry.date}` : '';
  return `The ${formatMoney(Number(entry.amount), currency)} of ${String(entry.kind)} ${list.endsWith('commitments') ? who.replace('put in', 'would commit') : who}${when}${note}`;
}

/** The question that settles a field; for a key of one entry of a list, naming the entry. */
/** The counts of value cover `value.windowMonths` when it says: "in the last 6 months", not 12. */
function withWindow(question: string, field: string, scope: Scope): string {
  const months = scope.partner?.data.value?.windowMonths;
  if (!field.startsWith('partner.value.') || months === undefined || months === 12) return question;
  return question.replace('in the last 12 months', months === 1 ? 'in the last month' : `in the last ${months} months`);
}

function questionOf(field: string, scope: Scope): string {
  const entry = /^(.+)\[(\d+)\]\.[A-Za-z]+$/.exec(field);
  const generic = fieldInfo(field)?.question ?? `What is ${field}?`;
  if (!entry) return withWindow(generic, field, scope);
  const data = field.startsWith('opportunity.') ? scope.opportunity?.data : scope.partner?.data;
  const list = entry[1]!.split('.').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);
  const item = Array.isArray(list) ? (list[Number(entry[2])] as Record<string, unknown> | undefined) : undefined;
  if (!item) return generic;
  return `${describeEntry(entry[1]!, item, scope.partner?.data.currency ?? 'USD')}: ${generic.charAt(0).toLowerCase()}${generic.slice(1)}`;
}

function evidenceFor(paths: readonly string[], scope: Scope): Evidence[] {
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const read of paths) {
    for (const field of fieldsBehind(read, scope)) {
      if (seen.has(field) || !isStated(field, scope)) continue;
      seen.add(field);
      const origin = originOf(field, scope);
      if (!origin) continue;
      const { line, column } = positionOf(origin, field);
      evidence.push({ path: field, file: origin.file, line, column });
    }
  }
  // A parent adds nothing when its own fields are cited (`ask.tryAndBuy` beside `ask.tryAndBuy.customized`).
  return evidence.filter((e) => !evidence.some((other) => other.path.startsWith(`${e.path}.`)));
}

/**
 * The field to ask about for an absent path: its shallowest absent ancestor that is a field of the
 * format. With no try-and-buy recorded, the question is whether one was asked, not its terms.
 */
function askableField(path: string, context: Record<string, unknown>): string {
  const parts = path.split('.');
  for (let i = 2; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    if (FIELDS[prefix] && presenceOf(context, prefix) === 'absent') return prefix;
  }
  return path;
}

function questionsFor(missing: readonly string[], scope: Scope): { missing: string[]; question: string } {
  const fields = [...new Set(missing.flatMap((m) => fieldsBehind(m, scope)).filter((f) => presenceOf(scope.context, f) !== 'present').map((f) => askableField(f, scope.context)))];
  const shown = fields.length > 0 ? fields : [...missing];
  const questions = [...new Set(shown.map((f) => questionOf(f, scope)))];
  return { missing: shown, question: questions.join(' ') };
}

type Step = CompiledRule['escalate'][number];
const NO_ESCALATIONS: { step: Step; result: Tri }[] = [];
const missingOf = (list: readonly { result: Tri }[]) => list.flatMap((e) => (e.result.kind === 'unknown' ? e.result.missing : []));

/** A rule on one entity, within its CEL budget: past it (or on a pattern RE2 refuses), the rubric is at fault and the run stops. */
function evaluateRule(rule: CompiledRule, scope: Scope): Finding {
  resetBudget();
  try {
    return judgeRule(rule, scope);
  } catch (error) {
    if (!(error instanceof CelLimitError)) throw error;
    const entity = scope.opportunity ? `deal "${scope.opportunity.id}"${scope.partner ? ` of partner "${scope.partner.id}"` : ''}` : `partner "${scope.partner?.id ?? ''}"`;
    const file = scope.opportunity?.file ?? scope.partner?.file;
    throw new RubricError([problem('rule-over-budget', rule.whenAt, { rule: rule.id, entity, file, detail: error.message })]);
  }
}

function judgeRule(rule: CompiledRule, scope: Scope): Finding {
  const result: Tri = evaluateLogic(rule.logic, scope.context, scope.absent);
  if (result.kind === 'error') {
    // A condition that cannot apply to these facts (e.g. reading a loan's terms when no loan was asked).
    return { ruleId: rule.id, title: rule.title, scope: rule.scope, severity: rule.severity, evidence: [], outcome: 'not-applicable', reason: result.message };
  }
  // Escalations: the most severe that holds counts; one still open could raise it.
  const escalations = rule.escalate.length === 0 ? NO_ESCALATIONS : rule.escalate.map((step) => ({ step, result: evaluateLogic(step.logic, scope.context, scope.absent) }));
  const open = escalations.length === 0 ? NO_ESCALATIONS : escalations.filter((e) => e.result.kind === 'unknown');
  if (result.kind === 'unknown') {
    // Only what a flag could still reach: an escalation whose condition is already false cannot.
    let possibleSeverity = rule.severity;
    for (const e of escalations) if (e.result.kind === 'unknown' || (e.result.kind === 'value' && e.result.value === true)) possibleSeverity = moreSevere(possibleSeverity, e.step.severity);
    // The facts of an escalation that could raise it are asked too: they decide how bad a flag would be.
    const raising = open.filter((e) => moreSevere(rule.severity, e.step.severity) !== rule.severity);
    const asked = questionsFor(raising.length === 0 ? result.missing : [...result.missing, ...missingOf(raising)], scope);
    const question = rule.question ? renderTemplate(rule.question, scope.context) : asked.question;
    return { ruleId: rule.id, title: rule.title, scope: rule.scope, severity: rule.severity, evidence: [], outcome: 'unknown', possibleSeverity, question, missing: asked.missing };
  }
  // Evidence is what a flag rests on; a pass is shown (with --verbose) without it.
  if (result.value !== true) return { ruleId: rule.id, title: rule.title, scope: rule.scope, severity: rule.severity, evidence: [], outcome: 'passed' };
  let severity = rule.severity;
  let message = rule.message;
  let reads = result.reads;
  for (const { step, result: escalation } of escalations) {
    if (escalation.kind !== 'value' || escalation.value !== true || moreSevere(severity, step.severity) === severity) continue;
    severity = step.severity;
    message = step.message ?? rule.message;
    reads = [...new Set([...result.reads, ...escalation.reads])];
  }
  const rising = open.length === 0 ? open : open.filter((e) => moreSevere(severity, e.step.severity) !== severity);
  const finding: Finding = {
    ruleId: rule.id,
    title: rule.title,
    scope: rule.scope,
    severity,
    outcome: 'flagged',
    message: renderTemplate(message, scope.context, scope.absent),
    ...(rule.mitigation ? { mitigation: renderTemplate(rule.mitigation, scope.context) } : {}),
    evidence: evidenceFor(reads, scope),
  };
  if (rising.length > 0) {
    const pending = questionsFor(missingOf(rising), scope);
    finding.possibleSeverity = rising.reduce((s, e) => moreSevere(s, e.step.severity), severity);
    finding.question = pending.question;
    finding.missing = pending.missing;
  }
  return finding;
}

interface WaiverEntry {
  waiver: Waiver;
  index: number;
}

function applyWaivers(findings: Finding[], waivers: readonly WaiverEntry[], opportunityId: string | undefined, today: string): Finding[] {
  return findings.map((finding) => {
    if ((finding.outcome !== 'flagged' && finding.outcome !== 'unknown') || finding.severity === 'green') return finding;
    const entry = waivers.find(({ waiver }) => waiver.rule === finding.ruleId && (waiver.opportunity === undefined || waiver.opportunity === opportunityId));
    if (!entry) return finding;
    const note = { reason: entry.waiver.reason, expires: entry.waiver.expires, approvedBy: entry.waiver.approvedBy };
    // A waiver is valid through its expiry date.
    const isValid = entry.waiver.expires >= today;
    // An open question the waiver would cover if it flagged: it cannot cost anything.
    if (finding.outcome === 'unknown') return isValid ? { ...finding, waiver: note } : finding;
    if (!isValid) return { ...finding, expiredWaiver: note };
    return { ...finding, outcome: 'waived', waiver: note };
  });
}

const bySeverity = (a: Finding, b: Finding) => compareSeverities(a.severity, b.severity);

/** Checks a partner's waivers against the rubric: an unknown rule or a non-waivable blocker is an error. */
export function waiverProblems(partner: LoadedPartner, rubric: Rubric): Problem[] {
  const problems: Problem[] = [];
  const rules = new Map(rubric.rules.map((r) => [r.id, r]));
  (partner.data.waivers ?? []).forEach((waiver, index) => {
    const at = (key: string) => ({ file: partner.file, ...partner.origin.locator.locate(['partner', 'waivers', index, key], 'value'), path: `partner.waivers[${index}].${key}` });
    const rule = rules.get(waiver.rule);
    if (!rule) {
      const ids = [...rules.keys()];
      const near = ids.find((id) => id.includes(waiver.rule) || waiver.rule.includes(id));
      problems.push(problem('unknown-waived-rule', at('rule'), { rubric: rubric.name, rule: excerpt(waiver.rule), suggestion: near }));
    } else if (!rule.waivable) {
      problems.push(problem('unwaivable-rule', at('rule'), { rubric: rubric.name, rule: waiver.rule }));
    } else if (waiver.opportunity !== undefined && !partner.opportunities.some((o) => o.id === waiver.opportunity)) {
      problems.push(problem('unknown-waived-deal', at('opportunity'), { deals: partner.opportunities.map((o) => o.id), found: waiver.opportunity }));
    }
  });
  return problems;
}

/** The deal fields the rule reads that the deal records (metrics do not count: every kind has commitments). */
function recordedReads(rule: CompiledRule, context: Record<string, unknown>): string[] {
  const recorded = rule.reads.filter((read) => read.startsWith('opportunity.') && read !== 'opportunity.kind' && presenceOf(context, read) === 'present');
  // A parent adds nothing beside its own fields (`ask.tryAndBuy` beside `ask.tryAndBuy.customized`).
  return recorded.filter((path) => !recorded.some((other) => other.startsWith(`${path}.`)));
}

/** "it judges customer deals only; this is an enablement deal, so its opportunity.ask.tryAndBuy is not judged" */
function judgesOnly(kinds: readonly OpportunityKind[], kind: OpportunityKind, recorded: readonly string[]): string {
  return `it judges ${describeKinds(kinds)} only; this is ${KIND_NAMES[kind][0]}${recorded.length ? `, so its ${recorded.join(', ')} ${recorded.length === 1 ? 'is' : 'are'} not judged` : ''}`;
}

function notApplicable(rule: CompiledRule, reason: string): Finding {
  return { ruleId: rule.id, title: rule.title, scope: rule.scope, severity: rule.severity, outcome: 'not-applicable', evidence: [], reason };
}

/** Theirs ÷ ours of what is spent plus what the deal asks: the partnership as it would be after a yes. */
function skinRatioIfYes(partner: Metrics | undefined, deal: Metrics): number | null {
  if (partner?.ours === undefined || deal.dealOurs === undefined) return null;
  const ours = partner.ours + deal.dealOurs;
  return ours > 0 ? (partner.theirs! + (deal.dealTheirs ?? 0)) / ours : null;
}

/** The facts that applicable rules read and the profile states (metrics stand for their fields). */
function knownFacts(rules: readonly CompiledRule[], findings: readonly Finding[], scope: Scope, into = new Set<string>()): Set<string> {
  rules.forEach((rule, i) => {
    if (findings[i]!.outcome === 'not-applicable') return;
    for (const read of rule.reads) for (const field of fieldsBehind(read, scope)) if (isStated(field, scope)) into.add(field);
  });
  return into;
}

const customQuestions = new WeakMap<Rubric, ReadonlySet<string>>();

/** The ids of the rules whose rubric words their question itself (`question:`). */
function rulesWithQuestions(rubric: Rubric): ReadonlySet<string> {
  let ids = customQuestions.get(rubric);
  if (!ids) customQuestions.set(rubric, (ids = new Set(rubric.rules.filter((r) => r.question).map((r) => r.id))));
  return ids;
}

function judged(findings: readonly Finding[], known: ReadonlySet<string>, rubric: Rubric, scope: Scope): Judged {
  // A rule's own question, where the rubric gives one, is the question of the facts it misses.
  const worded = new Map<string, string>();
  const custom = rulesWithQuestions(rubric);
  for (const f of findings) if (custom.has(f.ruleId) && f.question) for (const field of f.missing ?? []) if (!worded.has(field)) worded.set(field, f.question);
  const { verdict, score, range, openQuestions, conditions } = judge(findings, rubric, (field) => worded.get(field) ?? questionOf(field, scope));
  return { verdict, score, range, openQuestions, facts: { known: known.size, total: known.size + openQuestions.length }, conditions };
}

interface Relationship {
  findings: Finding[];
  known: ReadonlySet<string>;
}

function assessOpportunity(opportunity: LoadedOpportunity, partner: LoadedPartner | undefined, partnerScope: Scope | undefined, relationship: Relationship, rubric: Rubric, waivers: readonly WaiverEntry[], today: string): OpportunityAssessment {
  const measured = opportunityMetrics(opportunity.data);
  const dealMetrics = { ...partnerScope?.metrics, ...measured.metrics };
  const celDeal = toCelValue(opportunity.data, opportunitySchema) as Record<string, unknown>;
  // The kind as the format defines it (customer-deal when absent), so rules can read it.
  celDeal.kind ??= opportunityKind(opportunity.data);
  // A deal is priced in its partner's currency (a direct deal in USD, as the format says).
  const currency = partner?.data.currency ?? 'USD';
  const context = evaluationContext({ ...(partnerScope ? { partner: partnerScope.context.partner } : {}), opportunity: celDeal, metrics: celMetrics(dealMetrics) }, currency);
  const gaps = { ...partnerScope?.gaps, ...measured.gaps };
  const scope: Scope = { context, ...(partner ? { partner } : {}), opportunity, metrics: dealMetrics, gaps, absent: absentMetrics(dealMetrics, gaps, context) };
  const rules = rubric.rules.filter((r) => r.enabled && r.scope === 'opportunity');
  const kind = opportunityKind(opportunity.data);
  const evaluated = rules.map((rule) => {
    if (!partner && (rule.requiresPartner || rule.reads.some((r) => r.startsWith('partner')))) return notApplicable(rule, 'a direct deal has no partner to compare with');
    if (!rule.appliesTo || rule.appliesTo.includes(kind)) return evaluateRule(rule, scope);
    // The kind decides which rules judge a deal, whatever else it records: judging a recorded
    // fact of another kind would let a fact nobody was asked for move a verdict its range called
    // settled. The reason names what is left unjudged, so a wrong label shows.
    return notApplicable(rule, judgesOnly(rule.appliesTo, kind, recordedReads(rule, context)));
  });
  const known = knownFacts(rules, evaluated, scope, new Set(relationship.known));
  const own = applyWaivers(evaluated, waivers, opportunity.id, today).sort(bySeverity);
  const findings = [...own, ...relationship.findings];
  // A deal carries the relationship's red flags (a bad partner makes every deal riskier) but not
  // its green signals: a good partner does not make a bad deal better.
  const counted = [...own, ...relationship.findings.filter((f) => f.severity !== 'green')];
  return {
    id: opportunity.id,
    name: opportunity.data.name,
    file: opportunity.file,
    ...positionOf(opportunity.origin, opportunity.isStandalone ? 'opportunity' : 'opportunity.name'),
    partnerId: partner?.id ?? null,
    ...judged(counted, known, rubric, scope),
    kind,
    asks: dealMetrics.dealOurs === undefined ? null : { ours: dealMetrics.dealOurs, theirs: dealMetrics.dealTheirs ?? 0 },
    skinRatioIfYes: skinRatioIfYes(partnerScope?.metrics, dealMetrics),
    capitalAtRisk: dealMetrics.capitalAtRisk ?? 0,
    capitalAtRiskComplete: measured.atRiskComplete,
    value: opportunity.data.value ?? null,
    currency,
    findings,
  };
}

/** The partner's relationship verdict, and one verdict per opportunity (deal rules + relationship). */
export function assessPartner(partner: LoadedPartner, rubric: Rubric, given: AssessOptions): PartnerAssessment {
  // An ended partnership is judged as it stood the day it ended: days since review, open
  // escalations and waiver expiry count to then (what backtest needs), not to today.
  // Only a partnership said to have ended (`status: ended`): an end date beside `status: active` is not one.
  const ended = hasEnded(partner.data.outcome) ? partner.data.outcome?.ended : undefined;
  const options = ended !== undefined && ended < given.today ? { ...given, today: ended } : given;
  const currency = partner.data.currency ?? 'USD';
  const { metrics, gaps } = partnerMetrics(partner.data, options.today);
  const context = evaluationContext({ partner: toCelValue(partner.data, partnerSchema), metrics: celMetrics(metrics) }, currency);
  const scope: Scope = { context, partner, metrics, gaps, absent: absentMetrics(metrics, gaps, context) };
  const waivers = (partner.data.waivers ?? []).map((waiver, index) => ({ waiver, index }));
  const partnerRules = rubric.rules.filter((r) => r.enabled && r.scope === 'partner');
  const evaluated = partnerRules.map((rule) => evaluateRule(rule, scope));
  const known = knownFacts(partnerRules, evaluated, scope);
  const relationship = applyWaivers(evaluated, waivers.filter((w) => w.waiver.opportunity === undefined), undefined, options.today).sort(bySeverity);
  const opportunities = partner.opportunities.map((o) => assessOpportunity(o, partner, scope, { findings: relationship, known }, rubric, waivers, options.today));
  const findings = partner.opportunities.length > 0
    ? relationship
    : [...relationship, ...rubric.rules.filter((r) => r.enabled && r.scope === 'opportunity').map((r) => notApplicable(r, 'the partner has no opportunities'))];
  return {
    id: partner.id,
    name: partner.data.name,
    file: partner.file,
    ...positionOf(partner.origin, 'partner'),
    ...judged(relationship, known, rubric, scope),
    capital: { ours: metrics.ours ?? null, theirs: metrics.theirs ?? null, skinRatio: metrics.skinRatio ?? null, currency },
    balance: balanceOf(partner),
    reviewed: partner.data.reviewed ?? null,
    ...(partner.data.outcome ? { outcome: { ...(partner.data.outcome.status ? { status: partner.data.outcome.status } : {}), ...(partner.data.outcome.result ? { result: partner.data.outcome.result } : {}), ...(partner.data.outcome.ended ? { ended: partner.data.outcome.ended } : {}) } } : {}),
    findings,
    opportunities,
  };
}

/** What each side has spent, kind by kind: the ledger (what deals ask is not spent). */
function balanceOf(partner: LoadedPartner): BalanceRow[] {
  if (!partner.data.investments) return [];
  const entries = partner.data.investments;
  const rows = new Map<string, BalanceRow>(INVESTMENT_KINDS.map((kind) => [kind, { kind, ours: 0, theirs: 0 }]));
  for (const e of entries) rows.get(e.kind)![e.by === 'us' ? 'ours' : 'theirs'] += e.amount;
  return [...rows.values()].filter((r) => r.ours > 0 || r.theirs > 0);
}

/** A deal with no partner: only deal rules that do not compare us with a partner apply. */
export function assessDirectDeal(opportunity: LoadedOpportunity, rubric: Rubric, options: AssessOptions): OpportunityAssessment {
  return assessOpportunity(opportunity, undefined, undefined, { findings: [], known: new Set() }, rubric, [], options.today);
}
