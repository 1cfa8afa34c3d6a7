// From findings to a recommendation that is honest about what is not known (docs/rules.md, "How
// the verdict is reached"): the score and verdict the known facts give, the range every open
// question could still move them in, one question per missing fact with what it could cost, and
// the verdict the rubric's policy reports. Pure: findings and the rubric's numbers in, data out.
import { fieldInfo } from '../format/fields.js';
import type { DecideOn } from '../rubric/schema.js';
import { compareSeverities, moreSevere, type Severity } from '../rubric/severity.js';

export type { DecideOn };
import { isWorse, pointsOf, scoreOf, verdictOf, type Scoring, type Verdict } from './score.js';
import type { Finding } from './types.js';

/** The policy in a sentence, for `rules`, `explain` and the reports' footers. */
export function describePolicy(decideOn: DecideOn): string {
  return decideOn === 'blockers'
    ? 'decideOn: blockers — a GO on the known facts is held at CONDITIONAL only while an open question could reveal a blocker.'
    : 'decideOn: worst-case — GO only when the known facts give GO and every open question, answered badly, still would; otherwise CONDITIONAL until they are known.';
}

export interface Bound {
  score: number;
  verdict: Verdict;
}

/** Where the score and verdict could end once every open question is answered. */
export interface Range {
  /** Every open question answered badly: each unknown flags at its possible severity, no unknown green signal holds. */
  worst: Bound;
  /** Every open question answered well: no unknown flags, every unknown green signal holds. */
  best: Bound;
  /** The worst and best verdicts agree: no answer can change the verdict. */
  settled: boolean;
}

/** One absent fact, asked once, with what it could decide. */
export interface OpenQuestion {
  /** The format's key path (`partner.sponsor.level`). */
  field: string;
  question: string;
  /** The rules its answer would settle (or whose severity it would settle). */
  rules: string[];
  /** The most severe flag its answer could raise. */
  possibleSeverity: Severity;
  /** The most points its worst answer could cost the score the known facts give. */
  swing: number;
  /** Its answer alone (or, where no single answer can, together with the ones before it) could change the verdict. */
  decidesVerdict: boolean;
}

export interface Judgement {
  /** The verdict reported: the known facts' verdict, held at CONDITIONAL while the policy says the open questions could take a GO away. */
  verdict: Verdict;
  /** The score on the known facts alone. */
  score: number;
  /** The verdict the known facts alone give. */
  knownVerdict: Verdict;
  range: Range;
  openQuestions: OpenQuestion[];
  /** What must change for GO: "Find out: …" for the questions that decide it, then the mitigations of the flags that count. */
  conditions: string[];
}

export interface JudgingRubric extends Scoring {
  thresholds: { go: number; noGo: number };
  decideOn: DecideOn;
}

const isRed = (f: Finding) => f.severity !== 'green';
/** An unknown covered by a valid waiver would be waived if it flagged: it cannot cost anything. */
const isCovered = (f: Finding) => f.outcome === 'unknown' && f.waiver !== undefined;

/** The finding if its open facts come out badly. */
function worstOf(f: Finding): Finding {
  if (f.outcome === 'flagged' && isRed(f) && f.possibleSeverity) return { ...f, severity: f.possibleSeverity };
  if (f.outcome === 'unknown' && isRed(f) && !isCovered(f)) return { ...f, outcome: 'flagged', severity: f.possibleSeverity ?? f.severity };
  return f;
}

/** The finding if its open facts come out well. */
function bestOf(f: Finding): Finding {
  if (f.outcome === 'unknown' && !isRed(f)) return { ...f, outcome: 'flagged' };
  return f;
}

function boundOf(findings: readonly Finding[], rubric: JudgingRubric): Bound {
  const score = scoreOf(findings, rubric);
  return { score, verdict: verdictOf(findings, score, rubric) };
}

/** The findings with those at `indexes` turned by `turn`. */
function turned(findings: readonly Finding[], indexes: ReadonlySet<number>, turn: (f: Finding, i: number) => Finding): Finding[] {
  return findings.map((f, i) => (indexes.has(i) ? turn(f, i) : f));
}

/** Whether the finding leaves a fact open that could still change it. */
function isOpen(f: Finding): boolean {
  return (f.outcome === 'unknown' || (f.outcome === 'flagged' && f.possibleSeverity !== undefined)) && (f.missing?.length ?? 0) > 0;
}

/** `ask` words the question of a field (a key of one list entry names the entry); the catalogue's by default. */
export function judge(findings: readonly Finding[], rubric: JudgingRubric, ask: (field: string) => string | undefined = (field) => fieldInfo(field)?.question): Judgement {
  const known = boundOf(findings, rubric);
  // Each finding at its worst and at its best, once: every bound below is a mix of these three.
  const worsts = findings.map(worstOf);
  const bests = findings.map(bestOf);
  const atWorst = (_: Finding, i: number) => worsts[i]!;
  const atBest = (_: Finding, i: number) => bests[i]!;
  const worst = boundOf(worsts, rubric);
  const best = boundOf(bests, rubric);
  const range: Range = { worst, best, settled: worst.verdict === best.verdict };

  // Each absent fact once, with the findings it is missing for.
  const byField = new Map<string, { question: string; rules: string[]; possibleSeverity: Severity; indexes: Set<number> }>();
  findings.forEach((f, i) => {
    if (!isOpen(f)) return;
    const severity = f.possibleSeverity ?? f.severity;
    for (const field of f.missing!) {
      let entry = byField.get(field);
      if (!entry) {
        entry = { question: ask(field) ?? f.question ?? `What is ${field}?`, rules: [], possibleSeverity: severity, indexes: new Set() };
        byField.set(field, entry);
      }
      if (!entry.rules.includes(f.ruleId)) entry.rules.push(f.ruleId);
      entry.possibleSeverity = moreSevere(entry.possibleSeverity, severity);
      entry.indexes.add(i);
    }
  });
  const questions = [...byField.entries()].map(([field, e], order) => {
    // Its rules at their worst assume the facts they share with it come out badly too: "could".
    const ifWorst = boundOf(turned(findings, e.indexes, atWorst), rubric);
    const ifBest = boundOf(turned(findings, e.indexes, atBest), rubric);
    return {
      order,
      indexes: e.indexes,
      worseAlone: isWorse(ifWorst.verdict, known.verdict),
      betterAlone: isWorse(known.verdict, ifBest.verdict),
      question: { field, question: e.question, rules: e.rules, possibleSeverity: e.possibleSeverity, swing: known.score - ifWorst.score, decidesVerdict: false },
    };
  });
  for (const q of questions) q.question.decidesVerdict = q.worseAlone || q.betterAlone;
  /**
   * Answers that move the verdict only together (four mediums): with the facts that decide it
   * alone answered the other way, could the rest still move it? Then the fewest of them that
   * could, the costliest first by their points before any cap, decide it too.
   */
  const together = (direction: 'worse' | 'better') => {
    const [turn, opposite] = direction === 'worse' ? [atWorst, atBest] : [atBest, atWorst];
    const alone = questions.filter((q) => (direction === 'worse' ? q.worseAlone : q.betterAlone));
    const rest = questions.filter((q) => !alone.includes(q));
    const moves = (chosen: readonly (typeof questions)[number][]) => {
      const turns = new Map<number, (f: Finding, i: number) => Finding>();
      for (const q of alone) for (const i of q.indexes) turns.set(i, opposite);
      for (const q of chosen) for (const i of q.indexes) turns.set(i, turn);
      return boundOf(findings.map((f, i) => turns.get(i)?.(f, i) ?? f), rubric).verdict !== known.verdict;
    };
    if (!moves(rest)) return;
    const counted = (f: Finding) => (f.outcome === 'flagged' ? pointsOf(f, rubric) : 0);
    const weight = (q: (typeof questions)[number]) => [...q.indexes].reduce((n, i) => n + Math.abs(counted(turn(findings[i]!, i)) - counted(findings[i]!)), 0);
    const chosen: (typeof questions)[number][] = [];
    for (const q of [...rest].sort((a, b) => weight(b) - weight(a) || a.order - b.order)) {
      if (weight(q) === 0) continue;
      chosen.push(q);
      q.question.decidesVerdict = true;
      if (moves(chosen)) break;
    }
  };
  if (isWorse(worst.verdict, known.verdict)) together('worse');
  if (isWorse(known.verdict, best.verdict)) together('better');

  const possibleBlocker = findings.some((f) => (f.outcome === 'unknown' || f.outcome === 'flagged') && !isCovered(f) && f.possibleSeverity === 'blocker');
  const heldBack = known.verdict === 'GO' && (rubric.decideOn === 'blockers' ? possibleBlocker : worst.verdict !== 'GO');
  questions.sort((a, b) => Number(b.question.decidesVerdict) - Number(a.question.decidesVerdict) || b.question.swing - a.question.swing || compareSeverities(a.question.possibleSeverity, b.question.possibleSeverity) || a.order - b.order);
  const openQuestions = questions.map((q) => q.question);

  const verdict: Verdict = heldBack ? 'CONDITIONAL' : known.verdict;
  const findOut = openQuestions
    .filter((q) => q.decidesVerdict && (rubric.decideOn !== 'blockers' || q.possibleSeverity === 'blocker' || isWorse(known.verdict, 'GO')))
    .map((q) => `${FIND_OUT}${q.question}`);
  const mitigations = findings.filter((f) => f.outcome === 'flagged' && isRed(f) && f.mitigation).map((f) => f.mitigation!);
  return { verdict, score: known.score, knownVerdict: known.verdict, range, openQuestions, conditions: [...new Set([...findOut, ...mitigations])] };
}

/** What starts each condition that asks for a fact to be found out (a documented contract of the report). */
export const FIND_OUT = 'Find out: ';

/** "unsettled: NO-GO at worst, GO at best"; "" for a settled verdict. */
export function describeUnsettled(range: Range): string {
  return range.settled ? '' : `unsettled: ${range.worst.verdict} at worst, ${range.best.verdict} at best`;
}

/** "100 on what is known; 0–100 until 12 facts are known" and the like, for every report. */
export function describeRange(j: Pick<Judgement, 'score' | 'range' | 'openQuestions'> & { facts?: { known: number } }): string {
  const open = j.openQuestions.length;
  if (open === 0) return `${j.score}/100`;
  const { worst, best } = j.range;
  const facts = open === 1 ? '1 fact is' : `${open} facts are`;
  if (worst.score === best.score) return `${j.score}/100, whatever the ${open === 1 ? 'open fact turns' : `${open} open facts turn`} out to be`;
  // Nothing known is no score of 100: no score, said first.
  if (j.facts?.known === 0) return `—, no fact known yet; ${worst.score}–${best.score} until ${facts} known`;
  return `${j.score} on what is known; ${worst.score}–${best.score} until ${facts} known`;
}

/**
 * "3 facts decide the verdict; 9 more could add red flags": the open questions in groups. A fact
 * that could reveal a red flag is in `lowering` even where the score has no points left to lose.
 */
export function questionGroups(questions: readonly OpenQuestion[]): { deciding: OpenQuestion[]; lowering: OpenQuestion[]; rest: OpenQuestion[] } {
  return {
    deciding: questions.filter((q) => q.decidesVerdict),
    lowering: questions.filter((q) => !q.decidesVerdict && q.possibleSeverity !== 'green'),
    rest: questions.filter((q) => !q.decidesVerdict && q.possibleSeverity === 'green'),
  };
}
