// `partner-eval rubric test [dir]`: a rubric's test cases, like `opa test`. A case is a profile
// (inline, or a path relative to the test file) and what the rubric must say of it: the verdict,
// and the outcome of named rules, for the partner and for its deals. One line per case, a
// `N passed, N failed` summary, exit 1 when any case fails.
import { problem, wholeFile } from '../util/problems.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import * as z from 'zod/mini';
import { assessPartner, type OpportunityAssessment, type PartnerAssessment } from '../engine/evaluate.js';
import { yamlFilesUnder } from '../format/discover.js';
import { loadFile, loadText } from '../format/load.js';
import { waiverSchema } from '../format/schema.js';
import { issuesToProblems } from '../format/validate.js';
import { readBounded } from '../format/read-file.js';
import { outsideRoot, trustRootFor, type TrustRoot } from '../util/trust-root.js';
import { decodeUtf8, locate, parseYamlSource, type SourceDocument } from '../format/yaml-source.js';
import { VERDICTS } from '../engine/score.js';
import { loadRubric, resolveRubric, type Rubric } from '../rubric/load.js';
import { isBuiltinRubricName } from '../rubric/names.js';
import { formatProblem, InputError, UsageError, type Problem } from '../util/errors.js';
import { forTerminal, terminalProblem, withoutWorkflowCommands } from '../util/escape.js';

const outcome = z.enum(['flagged', 'passed', 'unknown', 'waived', 'not-applicable']);
const verdict = z.enum(VERDICTS);
const expectation = z.strictObject({ verdict: z.optional(verdict), settled: z.optional(z.boolean()), rules: z.optional(z.record(z.string(), outcome)) });
const testFileSchema = z.strictObject({
  version: z.literal(1),
  rubric: z.optional(z.string()),
  // The format's own date check (a waiver's `expires`): 2026-99-99 is a located problem, not a crash later.
  today: z.optional(waiverSchema.shape.expires),
  cases: z.array(
    z.strictObject({
      name: z.string(),
      profile: z.optional(z.string()),
      partner: z.optional(z.record(z.string(), z.unknown())),
      opportunities: z.optional(z.array(z.record(z.string(), z.unknown()))),
      expect: z.strictObject({ verdict: z.optional(verdict), settled: z.optional(z.boolean()), rules: z.optional(z.record(z.string(), outcome)), opportunities: z.optional(z.record(z.string(), expectation)) }),
    }),
  ),
});
type TestFile = z.infer<typeof testFileSchema>;
type Case = TestFile['cases'][number];

function readTestFile(file: string, root: TrustRoot): { spec: TestFile; source: SourceDocument } {
  const read = readBounded(file, { what: 'test file', root });
  if ('refusal' in read) throw new InputError([problem('unreadable', wholeFile(file), { reason: read.reason, hint: read.hint })]);
  const decoded = decodeUtf8(file, read.bytes);
  if ('problem' in decoded) throw new InputError([decoded.problem]);
  const parsed = parseYamlSource(file, decoded.text);
  if (parsed.problems.length > 0) throw new InputError(parsed.problems);
  const source = parsed.documents[0]!;
  const result = testFileSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new InputError(issuesToProblems(source, testFileSchema, result.error.issues));
  return { spec: result.data, source };
}

/** The differences between what a case expects and what the rubric said; empty when it passes. */
function compare(c: Case, partner: PartnerAssessment): string[] {
  const out: string[] = [];
  const check = (who: string, e: { verdict?: string; settled?: boolean; rules?: Record<string, string> }, actual: Pick<PartnerAssessment, 'verdict' | 'range' | 'openQuestions' | 'findings'>) => {
    if (e.verdict && e.verdict !== actual.verdict) out.push(`${who}: expected verdict ${e.verdict}, got ${actual.verdict}`);
    if (e.settled !== undefined && e.settled !== actual.range.settled) {
      out.push(`${who}: expected a ${e.settled ? 'settled' : 'unsettled'} verdict, got ${actual.range.settled ? 'a settled one' : `an unsettled one (${actual.range.worst.verdict} at worst, ${actual.range.best.verdict} at best: ${actual.openQuestions.filter((q) => q.decidesVerdict).map((q) => q.field).join(', ')})`}`);
    }
    for (const [rule, want] of Object.entries(e.rules ?? {})) {
      const got = actual.findings.find((f) => f.ruleId === rule)?.outcome ?? 'no outcome (is the rule in the rubric?)';
      if (got !== want) out.push(`${who}: expected ${rule} ${want}, got ${got}`);
    }
  };
  check(partner.name, c.expect, partner);
  for (const [id, e] of Object.entries(c.expect.opportunities ?? {})) {
    const deal: OpportunityAssessment | undefined = partner.opportunities.find((o) => o.id === id);
    if (!deal) out.push(`expected a deal "${id}", got ${partner.opportunities.map((o) => `"${o.id}"`).join(', ') || 'none'}`);
    else check(`${partner.name} → ${deal.name}`, e, deal);
  }
  return out;
}

function runCase(c: Case, file: string, rubric: Rubric, today: string, root: TrustRoot): { problems: Problem[]; failures: string[] } {
  // A case's profile is read like any file of the repository: inside it, never through a link out.
  const loaded = c.profile
    ? loadFile(path.relative(process.cwd(), path.resolve(path.dirname(file), c.profile)), root)
    : loadText(`${file} (case "${c.name}")`, stringify({ version: 1, partner: c.partner ?? {}, ...(c.opportunities ? { opportunities: c.opportunities } : {}) }));
  if (loaded.problems.length > 0) return { problems: loaded.problems, failures: [] };
  const partner = loaded.partners[0];
  if (!partner) return { problems: [], failures: ['expected a partner profile in the case, got none'] };
  return { problems: [], failures: compare(c, assessPartner(partner, rubric, { today })) };
}

function testFiles(dir: string): string[] {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`rubric test: expected a folder or file of test cases, got "${dir}": no such path`);
  if (info.isFile()) return [dir];
  // Not readdirSync's recursive walk: it follows linked folders (a loop hangs, a link to / walks it).
  return yamlFilesUnder(dir);
}

export function rubricTest(options: { dir: string; rubric?: string; today: string }, print: (text: string) => void): number {
  // Case names, file names and the partners' names come from the repository.
  const write = (text: string) => print(withoutWorkflowCommands(text));
  let passed = 0;
  let failed = 0;
  const problems: Problem[] = [];
  const root = trustRootFor(statSync(options.dir, { throwIfNoEntry: false })?.isDirectory() ? options.dir : path.dirname(options.dir));
  for (const file of testFiles(options.dir)) {
    const { spec, source } = readTestFile(file, root);
    const rubricRef = options.rubric ?? (spec.rubric && !isBuiltinRubricName(spec.rubric) ? resolveRubric(spec.rubric, path.dirname(path.resolve(file))) : spec.rubric) ?? 'default';
    const outside = !options.rubric && spec.rubric && !isBuiltinRubricName(spec.rubric) ? outsideRoot(rubricRef, root) : undefined;
    if (outside) throw new InputError([problem('names-outside-repository', { file, ...locate(source, ['rubric'], 'value'), path: 'rubric' }, { reason: outside })]);
    const rubric = loadRubric(rubricRef);
    for (const c of spec.cases) {
      const result = runCase(c, file, rubric, spec.today ?? options.today, root);
      problems.push(...result.problems);
      if (result.problems.length === 0 && result.failures.length === 0) {
        passed++;
        write(`✓ ${forTerminal(file)}: ${forTerminal(c.name)}\n`);
      } else {
        failed++;
        write(`✗ ${forTerminal(file)}: ${forTerminal(c.name)}\n${[...result.failures.map(forTerminal), ...result.problems.map((p) => formatProblem(terminalProblem(p)))].map((f) => `    ${f}`).join('\n')}\n`);
      }
    }
  }
  write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
