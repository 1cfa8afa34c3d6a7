// Builds profiles from plain objects and assesses them with the default rubric, as of a fixed date.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { assessDirectDeal, assessPartner, type OpportunityAssessment, type PartnerAssessment } from '../../src/engine/evaluate.js';
import { loadText, type LoadResult } from '../../src/format/load.js';
import { formatProblem } from '../../src/util/errors.js';
import { compileRubricFile, resolveRubric, type Rubric } from '../../src/rubric/load.js';

export const TODAY = '2026-11-22';

let defaultRubric: Rubric | undefined;
/** The default rubric compiled from its YAML (not the build's JSON), so tests check the source. */
export function rubric(): Rubric {
  defaultRubric ??= compileRubricFile(resolveRubric('default'));
  return defaultRubric;
}

let rubricFiles: string | undefined;
/** A rubric of the test's own, written to a file and compiled as `--rubric` would. */
export function rubricOf(yaml: string): Rubric {
  rubricFiles ??= mkdtempSync(path.join(tmpdir(), 'pe-test-rubric-'));
  const file = path.join(rubricFiles, `r${Math.random().toString(16).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return compileRubricFile(file);
}

export type Facts = Record<string, unknown>;

/** A partner with every relationship fact known and good: GO on its own. */
export const goodPartner = {
  reviewed: '2026-11-01',
  sponsor: { level: 'vp', active: true },
  agreement: { written: true, expectationsDefined: true, quotingErrorsPaidBy: 'shared', nonSolicit: true, advanceNotice: true },
  investments: [{ by: 'us', kind: 'engineering', amount: 10000 }, { by: 'partner', kind: 'engineering', amount: 10000 }],
  value: { referralsToUs: 3, referralsFromUs: 3 },
  marketing: { mentionsUs: true, linksToUs: true, listsUsAsPartner: true, linksCompetitorsFromOurContent: false, asksUsToPromoteTheirOffers: false },
  pricing: { promotionsAvailableToUs: true, promotionsLimitedToSelectPartners: false },
  control: { pricing: 'us', invoicing: 'us', customerContact: 'direct' },
  engagement: { contactEveryDays: 14, attendsOurEvents: true, readsOurUpdates: true, jointSolution: true },
  conduct: { valueGrabAttempts: 0, qualityIncidents: 0, failedTryAndBuys: 0, escalations: [] },
  keyPeople: { singleContact: false },
} satisfies Facts;

/** A deal with every deal fact known and good: GO with a good partner. */
export const goodDeal = {
  value: 100000, marginPercent: 30, winProbability: 0.5,
  customer: { prefersIncumbent: false, evaluatesBidsSeriously: true },
  ask: { tryAndBuy: false, freeConsultingDays: 0, showcaseOurBrand: false },
  commitments: [], quoting: { by: 'us' }, payment: { onAcceptance: false, daysToCash: 30 },
  fit: { withinOurExpertise: true, withinPartnerCapability: true },
} satisfies Facts;

/** Loads YAML text and fails the test with the problems if it is not a valid profile. */
export function loadValid(text: string, file = 'test-partner.yaml'): LoadResult {
  const result = loadText(file, text);
  if (result.problems.length > 0) throw new Error(`fixture is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result;
}

export function partnerYaml(partner: Facts = {}, opportunities?: Facts[]): string {
  return stringify({ version: 1, partner: { name: 'Test Partner', ...partner }, ...(opportunities ? { opportunities: opportunities.map((o, i) => ({ name: `Deal ${i + 1}`, ...o })) } : {}) });
}

export function assessFacts(partner: Facts = {}, opportunities?: Facts[], today = TODAY, using: Rubric = rubric()): PartnerAssessment {
  const loaded = loadValid(partnerYaml(partner, opportunities));
  return assessPartner(loaded.partners[0]!, using, { today });
}

/**
 * How many facts the default rubric reads of a partner: every one of them is an open question for
 * a partner known by its name alone. Tests quote it instead of a number, so a new rule that reads
 * a new fact changes no test but its own.
 */
export function partnerFacts(): number {
  return assessFacts({}).facts.total;
}

/** The flagged red findings among `findings`, counted by severity: "2 blocker, 7 high, 1 low". */
export function flagCounts(findings: readonly { outcome: string; severity: string }[]): string {
  const red = findings.filter((f) => f.outcome === 'flagged' && f.severity !== 'green');
  return ['blocker', 'high', 'medium', 'low'].map((s) => [s, red.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'none';
}

export function assessDirect(opportunity: Facts, today = TODAY): OpportunityAssessment {
  const loaded = loadValid(stringify({ version: 1, opportunity: { name: 'Direct deal', ...opportunity } }), 'direct.yaml');
  return assessDirectDeal(loaded.opportunities[0]!, rubric(), { today });
}
