// Table-driven rule tests, one file per rule (test/rules/<rule-id>.test.ts): for each rule a
// flagged, a passed and an unknown case, each a partial profile on top of a bare partner, so that
// every fact not given is unknown.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import type { Severity } from '../../src/rubric/severity.js';
import { assessDirect, assessFacts, rubric, type Facts } from './assess.js';

interface Case {
  name: string;
  partner?: Facts;
  /** Facts of the one opportunity; deal rules need it. */
  opportunity?: Facts;
  /** Assess the opportunity as a direct deal, with no partner. */
  direct?: boolean;
  today?: string;
}

interface FlaggedCase extends Case {
  severity: Severity;
  /** What the message must say: the facts it quotes. */
  message: RegExp;
  /** Fields the evidence must point at. */
  evidence?: string[];
  /** Open facts that could still raise it (an escalation's), and how far. */
  stillOpen?: { missing: string[]; possibleSeverity: Severity };
}

interface UnknownCase extends Case {
  /** The absent fields the question is about: those of its condition, and of an escalation that could raise it. */
  missing: string[];
  /** The most severe it could be once known; by default the rule's most severe escalation, else its own severity. */
  possibleSeverity?: Severity;
}

export interface RuleCases {
  flagged: FlaggedCase[];
  passed: Case[];
  unknown: UnknownCase[];
  notApplicable?: (Case & { reason?: RegExp })[];
}

function findingOf(ruleId: string, c: Case): Finding {
  const rule = rubric().rules.find((r) => r.id === ruleId)!;
  let findings: Finding[];
  if (c.direct) findings = assessDirect(c.opportunity ?? {}, c.today).findings;
  else if (rule.scope === 'opportunity') findings = assessFacts(c.partner, [c.opportunity ?? {}], c.today).opportunities[0]!.findings;
  else findings = assessFacts(c.partner, c.opportunity ? [c.opportunity] : undefined, c.today).findings;
  const finding = findings.find((f) => f.ruleId === ruleId);
  if (!finding) throw new Error(`no finding for ${ruleId}`);
  return finding;
}

/** What a message must never say: a fact it does not know, or a sum of nothing. */
const HOLLOW = /\bunknown\b|\bundefined\b|\bnull\b|\bNaN\b|\$0(?![\d.,])/;

export function ruleTester(ruleId: string, cases: RuleCases): void {
  describe(ruleId, () => {
    it('is a rule of the default rubric', () => {
      expect(rubric().rules.map((r) => r.id)).toContain(ruleId);
    });
    it('has a flagged, a passed and an unknown case, and a flagged case at each of its severities', () => {
      expect(cases.flagged.length).toBeGreaterThan(0);
      expect(cases.passed.length).toBeGreaterThan(0);
      expect(cases.unknown.length).toBeGreaterThan(0);
      // Each severity has its own message: every message is rendered by some case below.
      const rule = rubric().rules.find((r) => r.id === ruleId)!;
      expect([...new Set(cases.flagged.map((c) => c.severity))].sort()).toEqual([...new Set([rule.severity, ...rule.escalate.map((e) => e.severity)])].sort());
    });
    for (const c of cases.flagged) {
      it(`flags: ${c.name}`, () => {
        const finding = findingOf(ruleId, c);
        expect(finding.outcome).toBe('flagged');
        expect(finding.severity).toBe(c.severity);
        expect(finding.message).toMatch(c.message);
        expect(finding.message).not.toMatch(/\{\{|\}\}/);
        // A flag quotes only facts it knows: never a placeholder for one it does not, nor a $0 it added up from nothing.
        expect(finding.message).not.toMatch(HOLLOW);
        if (finding.mitigation) expect(finding.mitigation).not.toMatch(HOLLOW);
        expect(finding.evidence.length).toBeGreaterThan(0);
        for (const e of finding.evidence) expect(e.line).toBeGreaterThanOrEqual(1);
        if (c.evidence) expect(finding.evidence.map((e) => e.path)).toEqual(expect.arrayContaining(c.evidence));
        if (c.stillOpen) expect({ missing: [...(finding.missing ?? [])].sort(), possibleSeverity: finding.possibleSeverity }).toEqual({ missing: [...c.stillOpen.missing].sort(), possibleSeverity: c.stillOpen.possibleSeverity });
        if (c.severity !== 'green') expect(finding.mitigation).toBeTruthy();
      });
    }
    for (const c of cases.passed) {
      it(`passes: ${c.name}`, () => {
        expect(findingOf(ruleId, c).outcome).toBe('passed');
      });
    }
    for (const c of cases.unknown) {
      it(`is unknown: ${c.name}`, () => {
        const finding = findingOf(ruleId, c);
        expect(finding.outcome).toBe('unknown');
        expect([...(finding.missing ?? [])].sort()).toEqual([...c.missing].sort());
        expect(finding.question).toMatch(/\?$/);
        const rule = rubric().rules.find((r) => r.id === ruleId)!;
        expect(finding.possibleSeverity).toBe(c.possibleSeverity ?? [rule.severity, ...rule.escalate.map((e) => e.severity)].at(-1));
      });
    }
    for (const c of cases.notApplicable ?? []) {
      it(`does not apply: ${c.name}`, () => {
        const finding = findingOf(ruleId, c);
        expect(finding.outcome).toBe('not-applicable');
        if (c.reason) expect(finding.reason).toMatch(c.reason);
      });
    }
  });
}
