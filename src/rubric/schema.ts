// Rubric files (docs/rubrics.md): rules are data, conditions are CEL.
import * as z from 'zod/mini';
import { OPPORTUNITY_KINDS } from '../format/schema.js';
import { SEVERITIES, type Severity } from './severity.js';

/**
 * What may hold a GO back while facts are open (src/engine/judgement.ts). `worst-case` (the
 * default): GO only when it stays GO however the open questions come out. `blockers`: only a
 * question that could reveal a blocker holds GO back.
 */
export const DECIDE_ON = ['worst-case', 'blockers'] as const;
export type DecideOn = (typeof DECIDE_ON)[number];

/**
 * Built on first use: a rubric is read from YAML only when it is not a built-in one (those are
 * checked at build time), so `assess` with the default rubric never needs these schemas.
 */
function buildRubricSchema() {
  const text = z.string().check(z.minLength(1));
  /** Every key but `id` is optional here: a rubric that extends another may override one field. */
  const ruleSchema = z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a rule id: lowercase letters, digits and -')),
    title: z.optional(text),
    scope: z.optional(z.enum(['partner', 'opportunity'])),
    severity: z.optional(z.enum(SEVERITIES)),
    waivable: z.optional(z.boolean()),
    enabled: z.optional(z.boolean()),
    /** What a flag of this rule costs (a green signal: adds), instead of its severity's points. */
    points: z.optional(z.number().check(z.gte(0), z.lte(100))),
    requiresPartner: z.optional(z.boolean()),
    /** The kinds of deal an opportunity rule judges (opportunity.kind); every kind when absent. */
    appliesTo: z.optional(z.array(z.enum(OPPORTUNITY_KINDS))),
    when: z.optional(text),
    escalate: z.optional(z.array(z.strictObject({
      severity: z.enum(SEVERITIES),
      when: text,
      message: z.optional(text),
    }))),
    message: z.optional(text),
    mitigation: z.optional(text),
    question: z.optional(text),
    rationale: z.optional(text),
    source: z.optional(z.string()),
    params: z.optional(z.record(
      z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a param name: letters and digits, starting with a letter')),
      z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
    )),
  });

  return z.strictObject({
    version: z.literal(1),
    name: text,
    description: z.optional(z.string()),
    extends: z.optional(z.array(text)),
    /** What may hold a GO back while facts are open (src/engine/judgement.ts). */
    decideOn: z.optional(z.enum(DECIDE_ON)),
    thresholds: z.optional(z.strictObject({
      go: z.optional(z.number().check(z.gte(0), z.lte(100))),
      noGo: z.optional(z.number().check(z.gte(0), z.lte(100))),
    })),
    points: z.optional(z.strictObject({
      blocker: z.optional(z.number().check(z.gte(0))),
      high: z.optional(z.number().check(z.gte(0))),
      medium: z.optional(z.number().check(z.gte(0))),
      low: z.optional(z.number().check(z.gte(0))),
      green: z.optional(z.number().check(z.gte(0))),
    } satisfies Record<Severity, unknown>)),
    rules: z.optional(z.array(ruleSchema)),
  });
}

let rubricSchemaInstance: ReturnType<typeof buildRubricSchema> | undefined;
export function rubricSchema(): ReturnType<typeof buildRubricSchema> {
  rubricSchemaInstance ??= buildRubricSchema();
  return rubricSchemaInstance;
}

export type RubricInput = z.infer<ReturnType<typeof buildRubricSchema>>;
export type RuleInput = NonNullable<RubricInput['rules']>[number];
