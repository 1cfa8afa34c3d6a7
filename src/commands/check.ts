// `partner-eval check [path...]`: the CI command. Every profile under the paths, validated and
// assessed in one run; one bad file never hides the others' results.
import { problem, wholeFile } from '../util/problems.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { judgeLoaded, type ShareFiles } from '../engine/pipeline.js';
import { checkFiles, PARALLEL_THRESHOLD } from '../engine/check-parallel.js';
import { computeTransitions } from '../engine/transitions.js';
import { discoverProfiles, exclusion, isProfilePath, type Exclusion } from '../format/discover.js';
import { filesAtRevision, readAtRevision, resolveRevision } from '../format/git.js';
import { readBounded } from '../format/read-file.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../format/yaml-source.js';
import { loadText, type LoadResult } from '../format/load.js';
import { buildReport, reachesFailOn, summarize, withoutQuietOutcomes, type Report } from '../engine/report-model.js';
import { loadRubric, resolveRubric, type Rubric } from '../rubric/load.js';
import { isBuiltinRubricName } from '../rubric/names.js';
import { UsageError, type Problem } from '../util/errors.js';
import { repositoryRoot } from '../util/trust-root.js';
import { emit, needsEveryOutcome, writtenNote, type ReportingOptions, type Write } from './emit.js';

export interface CheckOptions extends ReportingOptions {
  paths: string[];
  config?: Config;
  /** Only what changed since this git revision, judged before and after. */
  changedSince?: string;
  /** A progress bar on stderr (a terminal, not CI) for long runs. */
  showProgress?: boolean;
  /** Worker threads (tests set it; by default one per core for large repositories). */
  workers?: number;
  /** Finding no profile at all is not a mistake (`--allow-empty`): a moved folder otherwise passes unseen. */
  allowEmpty?: boolean;
}

/**
 * The folder a report names files relative to: the repository's top (what annotations and SARIF
 * resolve paths against), else the config's folder, else the working folder.
 */
function reportRoot(paths: readonly string[], config: Config | undefined): string {
  const first = path.resolve(paths[0] ?? '.');
  const folder = statSync(first, { throwIfNoEntry: false })?.isDirectory() ? first : path.dirname(first);
  return repositoryRoot(folder) ?? config?.dir ?? process.cwd();
}

/**
 * The report of every profile under the paths, problems included. With `requireProfiles` (check
 * without --allow-empty), paths that hold no profile at all are a UsageError.
 */
export async function runCheck(options: Pick<CheckOptions, 'paths' | 'rubric' | 'verbose' | 'today' | 'config' | 'changedSince' | 'showProgress' | 'workers'> & { requireProfiles?: boolean }): Promise<{ report: Report; rubric: Rubric }> {
  const rubric = loadRubric(options.rubric);
  const paths = options.paths.length > 0 ? options.paths : (options.config?.profiles ?? ['.']);
  const base = reportRoot(paths, options.config);
  // The config and the rubric live in the repository too; they are not profiles, nor is what the config excludes.
  const config = options.config;
  const exclude = exclusion([...(config ? [config.path] : []), ...(isBuiltinRubricName(options.rubric) ? [] : [resolveRubric(options.rubric)])], config?.exclude ? { dir: config.dir, patterns: config.exclude } : undefined);
  const { files, named, missing, refused, excluded } = discoverProfiles(paths, { exclude, base });
  if (missing.length > 0 && files.length === 0 && refused.length === 0 && !options.changedSince) throw new UsageError(`expected a file or folder, got ${missing.map((m) => `"${m}"`).join(', ')}: no such path`);
  const pathProblems: Problem[] = options.changedSince ? [] : missing.map((m) => problem('no-such-path', wholeFile(path.relative(base, path.resolve(m)) || m)));
  for (const { file, reason } of refused) pathProblems.push(problem('outside-repository', wholeFile(file), { reason }));
  // Transitions compare every outcome, passed ones too; --verbose only decides what is shown.
  const verbose = options.verbose || options.changedSince !== undefined;
  const progress = options.showProgress && files.length >= PARALLEL_THRESHOLD ? await progressBar(files.length) : undefined;
  const found: Required<ShareFiles> = { base, named: new Set(named) };
  const judged = await checkFiles(files, rubric, { today: options.today, verbose, rubricRef: options.rubric, found, ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(progress ? { onProgress: progress.update } : {}) });
  progress?.stop();
  const report = buildReport(judged.partners, judged.directDeals, rubric, { verbose, today: options.today, problems: [...pathProblems, ...judged.problems] });
  if (options.requireProfiles && report.partners.length === 0 && report.opportunities.length === 0 && report.problems.length === 0) throw noProfiles(paths, files.length, excluded, config);
  if (!options.changedSince) return { report, rubric };
  const since = sinceRevision(report, options.changedSince, paths.map((p) => path.resolve(p)), files, exclude, rubric, options, new Set(refused.map((r) => r.file)), found);
  return { report: options.verbose ? since : withoutQuietOutcomes(since), rubric };
}

/**
 * Narrows a report to what changed since a revision: the repository as it was there is judged too,
 * and every partner and deal touched by a changed file gets its transition.
 */
function sinceRevision(after: Report, rev: string, paths: readonly string[], files: readonly string[], exclude: Exclusion, rubric: Rubric, options: Pick<CheckOptions, 'today' | 'verbose'>, refused: ReadonlySet<string>, found: Required<ShareFiles>): Report {
  const revision = resolveRevision(rev);
  const { base, named } = found;
  const roots = paths.map((p) => path.resolve(p));
  const inPaths = (file: string) => roots.some((root) => {
    const relative = path.relative(root, path.resolve(base, file));
    return relative === '' ? isProfilePath(path.basename(file)) : !relative.startsWith('..') && isProfilePath(relative);
  });
  const beforeFiles = filesAtRevision(revision, paths, base).filter((f) => inPaths(f) && !exclude.has(path.resolve(base, f)));
  const beforeContents = readAtRevision(revision, beforeFiles, base);
  const changed = new Set<string>();
  const listed = new Set(files);
  for (const file of new Set([...files, ...beforeFiles])) {
    const old = beforeContents.get(file);
    const read = listed.has(file) ? readBounded(path.resolve(base, file), { what: 'profile' }) : undefined;
    const now = read && 'bytes' in read ? read.bytes : undefined;
    if (!old || typeof old === 'number' || !now || !old.equals(now)) changed.add(file);
  }
  const beforeLoaded = [...beforeContents].map(([file, bytes]): LoadResult => {
    if (typeof bytes === 'number') return { partners: [], opportunities: [], problems: [problem('too-large-at-revision', wholeFile(file), { maxBytes: MAX_FILE_BYTES, bytes, revision: rev })] };
    const decoded = decodeUtf8(file, bytes);
    return 'problem' in decoded ? { partners: [], opportunities: [], problems: [decoded.problem] } : loadText(file, decoded.text, { skipNonProfile: !named.has(file) });
  });
  // Judged as the files were there, the same way as now: only the revision differs.
  const judgedBefore = judgeLoaded(beforeLoaded, rubric, { today: options.today });
  const before = buildReport(judgedBefore.partners, judgedBefore.directDeals, rubric, { verbose: true, today: options.today, problems: judgedBefore.problems });
  const transitions = computeTransitions(before, after, changed);
  const affected = new Set(transitions.filter((t) => t.change !== 'deleted').map((t) => t.key));
  const partners = after.partners
    .filter((p) => affected.has(p.id) || p.opportunities.some((o) => affected.has(`${p.id}/${o.id}`)))
    .map((p) => ({ ...p, opportunities: p.opportunities.filter((o) => affected.has(`${p.id}/${o.id}`)) }));
  const opportunities = after.opportunities.filter((o) => affected.has(o.id));
  // A file refused at the trust boundary is shown whatever changed: it is an attack or a mistake.
  // A problem about a changed file shows, and so does one that names it as the other place (an id
  // that a changed file declared first and an unchanged file declares again).
  const problems = after.problems.filter((p) => changed.has(p.file) || refused.has(p.file) || (p.related !== undefined && changed.has(p.related.file)));
  const narrowed: Report = { ...after, partners, opportunities, problems, summary: summarize(partners, opportunities, problems) };
  return { ...narrowed, changedSince: { revision: rev, commit: revision.commit, changedFiles: [...changed].sort() }, transitions };
}

/** "no profiles found": a run that judges nothing would pass whatever the profiles say. */
function noProfiles(paths: readonly string[], yamlFiles: number, excluded: number, config: Config | undefined): UsageError {
  const where = paths.map((p) => path.relative(process.cwd(), path.resolve(p)) || '.').join(', ');
  const looked = [
    ...(yamlFiles > 0 ? [`${yamlFiles} YAML file(s) without version, partner or opportunity at the top`] : []),
    ...(excluded > 0 ? [`${excluded} file(s) excluded${config?.exclude ? ` (exclude: of ${config.file})` : ''}`] : []),
  ];
  return new UsageError(`no profiles found in ${where}${looked.length > 0 ? `: ${looked.join('; ')}` : ''}`, `name the folder of the profiles (the config's profiles: key), or pass --allow-empty when none is right`);
}

/** cli-progress on stderr; loaded only for a long run on a terminal. */
async function progressBar(total: number): Promise<{ update: (done: number) => void; stop: () => void }> {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ stream: process.stderr, format: 'checking profiles [{bar}] {value}/{total} {percentage}% ({eta}s left)', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

export async function check(options: CheckOptions, write: Write, warn: (text: string) => void = () => undefined): Promise<number> {
  const { report, rubric } = await runCheck({ ...options, verbose: needsEveryOutcome(options), requireProfiles: !options.allowEmpty });
  await emit(report, rubric, options, write);
  const code = report.problems.length > 0 ? 2 : reachesFailOn(report, options.failOn) ? 1 : 0;
  if (options.output) warn(writtenNote(report, options, code));
  return code;
}
