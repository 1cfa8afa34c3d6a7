// Severities, in the one order every part of the tool uses: rubrics name them, the engine ranks
// flags and open questions by them, reporters list and label them (docs/rules.md).

/** Most severe first. `green` is not a red flag: a signal that adds points. */
export const SEVERITIES = ['blocker', 'high', 'medium', 'low', 'green'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type RedFlagSeverity = Exclude<Severity, 'green'>;
/** The severities of red flags, most severe first. */
export const RED_FLAG_SEVERITIES: readonly RedFlagSeverity[] = SEVERITIES.filter((s): s is RedFlagSeverity => s !== 'green');

/** Position in SEVERITIES: 0 is the most severe. */
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Readonly<Record<Severity, number>>;

/** For sorting, most severe first. */
export function compareSeverities(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** The more severe of two severities. */
export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] < SEVERITY_RANK[a] ? b : a;
}
