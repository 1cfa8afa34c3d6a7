import type { Severity } from '../rubric/severity.js';

export type Outcome = 'flagged' | 'passed' | 'unknown' | 'waived' | 'not-applicable';

/** A fact a finding rests on, where it is written. */
export interface Evidence {
  path: string;
  file: string;
  line: number;
  column: number;
}

export interface WaiverNote {
  reason: string;
  expires: string;
  approvedBy: string;
}

/** One rule's outcome for one partner or opportunity. Data only: reporters word it. */
export interface Finding {
  ruleId: string;
  title: string;
  /** `partner`: about the relationship (repeated in each of its deals); `opportunity`: the deal's own. */
  scope: 'partner' | 'opportunity';
  outcome: Outcome;
  /** Effective severity: the rule's, or the most severe escalation's that holds. */
  severity: Severity;
  /**
   * The most severe it could be once its open facts are known, escalations included unless their
   * condition is already false. On unknown findings always; on flagged ones only when an
   * escalation is still open (then `missing` names the facts that decide it).
   */
  possibleSeverity?: Severity;
  message?: string;
  mitigation?: string;
  evidence: Evidence[];
  /** For unknown outcomes: the question that settles it, and the absent fields. */
  question?: string;
  missing?: string[];
  /** On a waived flag; on an unknown one, the waiver that would cover it if it flagged. */
  waiver?: WaiverNote;
  /** A waiver that covered this flag but has expired: the flag counts again. */
  expiredWaiver?: WaiverNote;
  /** Why the rule does not apply (not-applicable). */
  reason?: string;
}
