// The JSON report (reportVersion 1) as a schema: what CI scripts may rely on. Objects are open
// (`z.object`, not strict): keys may be added to the report, none renamed or removed.
import * as z from 'zod/mini';
import { VERDICTS } from '../engine/score.js';
import { DECIDE_ON } from '../rubric/schema.js';
import { SEVERITIES } from '../rubric/severity.js';
import { OPPORTUNITY_KINDS } from '../format/schema.js';

const verdict = z.enum(VERDICTS);
const severity = z.enum(SEVERITIES);
const position = { file: z.string(), line: z.int().check(z.gte(1)), column: z.int().check(z.gte(1)) };
const waiverNote = z.object({ reason: z.string(), expires: z.string(), approvedBy: z.string() });

const finding = z.object({
  ruleId: z.string(),
  title: z.string(),
  outcome: z.enum(['flagged', 'passed', 'unknown', 'waived', 'not-applicable']),
  severity,
  possibleSeverity: z.optional(severity),
  scope: z.enum(['partner', 'opportunity']),
  message: z.optional(z.string()),
  mitigation: z.optional(z.string()),
  evidence: z.array(z.object({ path: z.string(), ...position })),
  question: z.optional(z.string()),
  missing: z.optional(z.array(z.string())),
  waiver: z.optional(waiverNote),
  expiredWaiver: z.optional(waiverNote),
  reason: z.optional(z.string()),
});

const score = z.number().check(z.gte(0), z.lte(100));
const bound = z.object({ score, verdict });
/** What every partner and deal carries about its open facts (docs/report.md, "Open questions"). */
const judged = {
  verdict,
  score,
  range: z.object({ worst: bound, best: bound, settled: z.boolean() }),
  openQuestions: z.array(z.object({ field: z.string(), question: z.string(), rules: z.array(z.string()), possibleSeverity: severity, swing: z.number().check(z.gte(0)), decidesVerdict: z.boolean() })),
  facts: z.object({ known: z.int().check(z.gte(0)), total: z.int().check(z.gte(0)) }),
  conditions: z.array(z.string()),
};
const opportunity = z.object({ id: z.string(), name: z.string(), ...position, partnerId: z.nullable(z.string()), ...judged, kind: z.enum(OPPORTUNITY_KINDS), asks: z.nullable(z.object({ ours: z.number(), theirs: z.number() })), skinRatioIfYes: z.nullable(z.number()), capitalAtRisk: z.number(), capitalAtRiskComplete: z.boolean(), value: z.nullable(z.number()), currency: z.string(), findings: z.array(finding) });
const money = z.nullable(z.number());
const outcome = z.enum(['flagged', 'passed', 'unknown', 'waived', 'not-applicable']);
/** With `check --changed-since` (docs/report.md). */
const changedSince = z.object({ revision: z.string(), commit: z.string(), mergeBase: z.string(), changedFiles: z.array(z.string()), renamed: z.array(z.object({ from: z.string(), to: z.string() })), rubricChanged: z.boolean(), configChanged: z.boolean(), invalidBefore: z.array(z.string()), baseProblem: z.optional(z.string()) });
const transition = z.object({
  kind: z.enum(['partner', 'opportunity']),
  key: z.string(),
  name: z.string(),
  ...position,
  before: z.nullable(verdict),
  after: z.nullable(verdict),
  change: z.enum(['new', 'deleted', 'worse', 'better', 'renamed', 'unchanged']),
  renamedFrom: z.optional(z.string()),
  scoreBefore: z.nullable(score),
  scoreAfter: z.nullable(score),
  because: z.array(z.object({ ruleId: z.string(), title: z.string(), severity, from: z.nullable(outcome), to: z.nullable(outcome), message: z.optional(z.string()) })),
});

export const reportSchema = z.object({
  reportVersion: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string() }),
  rubric: z.object({ name: z.string(), version: z.number(), decideOn: z.enum(DECIDE_ON) }),
  assessedOn: z.string(),
  partners: z.array(z.object({ id: z.string(), name: z.string(), ...position, ...judged, capital: z.object({ ours: money, theirs: money, skinRatio: money, currency: z.string() }), balance: z.array(z.object({ kind: z.string(), ours: z.number(), theirs: z.number() })), reviewed: z.nullable(z.string()), findings: z.array(finding), opportunities: z.array(opportunity) })),
  opportunities: z.array(opportunity),
  problems: z.array(z.object({ code: z.string(), ...position, path: z.string(), message: z.string(), hint: z.optional(z.string()), related: z.optional(z.object(position)) })),
  changedSince: z.optional(changedSince),
  transitions: z.optional(z.array(transition)),
  summary: z.object({ partners: z.int(), opportunities: z.int(), go: z.int(), conditional: z.int(), noGo: z.int(), unsettled: z.int(), deals: z.object({ go: z.int(), conditional: z.int(), noGo: z.int(), unsettled: z.int() }), ended: z.int(), invalidFiles: z.int() }),
});
