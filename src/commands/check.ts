// `partner-eval check [path...]`: the CI command. Every profile under the paths, validated and
// assessed in one run; one bad file never hides the others' results.
import { problem, wholeFile } from '../util/problems.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, configFromBytes, type Config } from '../config.js';
import { judgeLoaded, type ShareFiles } from '../engine/pipeline.js';
import { checkFiles, PARALLEL_THRESHOLD } from '../engine/check-parallel.js';
import { computeTransitions } from '../engine/transitions.js';
import { discoverProfiles, exclusion, isProfilePath, type Exclusion } from '../format/discover.js';
import { filesAtRevision, mergeBase, readAtRevision, readOneAtRevision, renamesSince, resolveRevision, type Revision } from '../format/git.js';
import { readBounded, type ReadOutcome } from '../format/read-file.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../format/yaml-source.js';
import { loadText, type LoadResult } from '../format/load.js';
import { buildReport, problemsThatFail, reachesFailOn, summarize, withoutQuietOutcomes, type ChangedSince, type Report } from '../engine/report-model.js';
import { builtinRubricDir, compileRubricFile, loadRubric, resolveRubric, type Rubric, type RubricReader } from '../rubric/load.js';
import { isBuiltinRubricName } from '../rubric/names.js';
import { formatProblem, InputError, RubricError, UsageError, type Problem } from '../util/errors.js';
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
 * Narrows a report to what changed since a revision: the repository as it was at the merge base
 * of the revision and HEAD is judged too, with the rubric and config it had then, and every
 * partner and deal touched by a changed file gets its transition; when the rubric or the config
 * changed, so does every one whose judgement moved.
 */
function sinceRevision(after: Report, rev: string, paths: readonly string[], files: readonly string[], exclude: Exclusion, rubric: Rubric, options: Pick<CheckOptions, 'today' | 'verbose' | 'rubric' | 'config' | 'paths'>, refused: ReadonlySet<string>, found: Required<ShareFiles>): Report {
  // File names are relative to the report's root (the repository's top): so are git's, through `root`.
  const { base: root, named: namedFiles } = found;
  const named = resolveRevision(rev);
  const revision = mergeBase(named, rev);
  const base = baseSetup(revision, rev, rubric, options);
  const basePaths = base.paths ?? paths;
  const inPaths = (within: readonly string[]) => {
    const roots = within.map((p) => path.resolve(p));
    return (file: string) => roots.some((r) => {
      const relative = path.relative(r, path.resolve(root, file));
      return relative === '' ? isProfilePath(path.basename(file)) : !relative.startsWith('..') && isProfilePath(relative);
    });
  };
  const excludedThen = (file: string) => exclude.has(file) || base.exclude.includes(file);
  const inBasePaths = inPaths(basePaths);
  const beforeFiles = filesAtRevision(revision, basePaths, root).filter((f) => inBasePaths(f) && !excludedThen(path.resolve(root, f)));
  const beforeContents = readAtRevision(revision, beforeFiles, root);
  const listed = new Set(files);
  // Renames git saw, from a file of the base to one checked now: the same profile, moved.
  const renamedFrom = new Map([...renamesSince(revision, [...new Set([...paths, ...basePaths])], root)].filter(([to, from]) => listed.has(to) && beforeContents.has(from) && !listed.has(from)));
  const renamedTo = new Map([...renamedFrom].map(([to, from]) => [from, to]));
  const changed = new Set<string>();
  for (const file of files) {
    const old = beforeContents.get(renamedFrom.get(file) ?? file);
    const read = readBounded(path.resolve(root, file), { what: 'profile' });
    const now = 'bytes' in read ? read.bytes : undefined;
    if (renamedFrom.has(file) || !old || typeof old === 'number' || !now || !old.equals(now)) changed.add(file);
  }
  for (const file of beforeFiles) if (!listed.has(file) && !renamedTo.has(file)) changed.add(file);
  // A renamed file is loaded by its new name, so that an id that defaults to the file name, and
  // every deal's key under it, stays the partner's: a rename is not a deletion and a new partner.
  const beforeLoaded = base.rubric === undefined ? [] : [...beforeContents].map(([file, bytes]): LoadResult => {
    const name = renamedTo.get(file) ?? file;
    if (typeof bytes === 'number') return { partners: [], opportunities: [], problems: [problem('too-large-at-revision', wholeFile(name), { maxBytes: MAX_FILE_BYTES, bytes, revision: rev })] };
    const decoded = decodeUtf8(name, bytes);
    return 'problem' in decoded ? { partners: [], opportunities: [], problems: [decoded.problem] } : loadText(name, decoded.text, { skipNonProfile: !namedFiles.has(name) });
  });
  // Judged as the files were there, the same way as now: only the revision (and its rubric) differs.
  const beforeRubric = base.rubric ?? rubric;
  const judgedBefore = judgeLoaded(beforeLoaded, beforeRubric, { today: options.today });
  const before = buildReport(judgedBefore.partners, judgedBefore.directDeals, beforeRubric, { verbose: true, today: options.today, problems: judgedBefore.problems });
  const everyJudgement = base.rubricChanged || base.configChanged;
  const transitions = computeTransitions(before, after, changed, { renamedFrom, everyJudgement });
  const affected = new Set(transitions.filter((t) => t.change !== 'deleted').map((t) => t.key));
  const partners = after.partners
    .filter((p) => affected.has(p.id) || p.opportunities.some((o) => affected.has(`${p.id}/${o.id}`)))
    .map((p) => ({ ...p, opportunities: p.opportunities.filter((o) => affected.has(`${p.id}/${o.id}`)) }));
  const opportunities = after.opportunities.filter((o) => affected.has(o.id));
  const invalidThen = new Set(before.problems.map((p) => p.file));
  // A file refused at the trust boundary is shown whatever changed: it is an attack or a mistake.
  // A problem about a changed file shows, and so does one that names it as the other place (an id
  // that a changed file declared first and an unchanged file declares again); with a new rubric
  // or config, so does one of a file that had none before.
  const problems = after.problems.filter((p) => changed.has(p.file) || refused.has(p.file) || (p.related !== undefined && changed.has(p.related.file)) || (everyJudgement && !invalidThen.has(p.file)));
  const narrowed: Report = { ...after, partners, opportunities, problems, summary: summarize(partners, opportunities, problems) };
  const changedSince: ChangedSince = {
    revision: rev,
    commit: named.commit,
    mergeBase: revision.commit,
    changedFiles: [...changed].sort(),
    renamed: [...renamedFrom].map(([to, from]) => ({ from, to })).sort((a, b) => a.to.localeCompare(b.to)),
    rubricChanged: base.rubricChanged,
    configChanged: base.configChanged,
    // Only what the merge base could say: a base that could not be judged vouches for nothing.
    invalidBefore: base.rubric === undefined ? [] : [...new Set(problems.map((p) => p.file))].filter((f) => invalidThen.has(f)).sort(),
    ...(base.problem !== undefined ? { baseProblem: base.problem } : {}),
  };
  return { ...narrowed, changedSince, transitions };
}

interface BaseSetup {
  /** The rubric to judge the base with; undefined when it could not be had (`problem` says why). */
  rubric: Rubric | undefined;
  rubricChanged: boolean;
  configChanged: boolean;
  /** The base config's `profiles`, when the paths come from the config. */
  paths?: string[];
  /** The base's config and rubric files: not profiles there either. */
  exclude: string[];
  problem?: string;
}

/**
 * The config and the rubric as they were at the merge base. Built-in rubrics are the tool's, not
 * the repository's: the base is judged with this version's. A rubric file outside the repository
 * is not versioned with it, so it is read from disk for both sides.
 */
function baseSetup(revision: Revision, rev: string, rubric: Rubric, options: Pick<CheckOptions, 'rubric' | 'config' | 'paths'>): BaseSetup {
  const inRepository = (file: string) => {
    const relative = path.relative(revision.root, path.resolve(file));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const same = (a: Buffer | undefined, b: Buffer | undefined) => (a === undefined ? b === undefined : b !== undefined && a.equals(b));
  const bytesOf = (read: ReadOutcome) => ('bytes' in read ? read.bytes : undefined);
  // The config: where findConfig would have found it at the base (the working folder, then each
  // folder above it, within the repository); one outside the repository is the same for both.
  const configNow = options.config?.path;
  let configThen: { file: string; read: ReadOutcome } | undefined;
  for (let dir = path.resolve('.'); inRepository(path.join(dir, CONFIG_FILE)); dir = path.dirname(dir)) {
    const read = readOneAtRevision(revision, path.join(dir, CONFIG_FILE), { what: 'config file' });
    if (!('refusal' in read) || read.refusal !== 'missing') {
      configThen = { file: path.join(dir, CONFIG_FILE), read };
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  const exclude: string[] = [];
  let config: Config | undefined = options.config;
  let configChanged = false;
  if (configNow === undefined || inRepository(configNow) || configThen) {
    const nowBytes = configNow === undefined ? undefined : bytesOf(readBounded(configNow, { what: 'config file' }));
    const thenBytes = configThen ? bytesOf(configThen.read) : undefined;
    configChanged = configNow !== configThen?.file || !same(nowBytes, thenBytes);
    if (configThen) exclude.push(path.resolve(configThen.file));
    const unreadable = (why: string): BaseSetup => ({ rubric: undefined, rubricChanged: true, configChanged, exclude, problem: `${rev}: its ${CONFIG_FILE} could not be read: ${why}` });
    if (configThen && 'refusal' in configThen.read) return unreadable(configThen.read.reason);
    try {
      config = configThen && thenBytes ? configFromBytes(configThen.file, thenBytes) : undefined;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return unreadable(formatProblem(error.problems[0]!).split('\n')[0]!);
    }
  }
  // The rubric the base named: the config's (or the default) when the rubric in use is the
  // config's (or the default), else the one given with --rubric, as the base had it.
  const fromConfig = options.rubric === (options.config?.rubric ?? 'default');
  const ref = fromConfig ? (config?.rubric ?? 'default') : options.rubric;
  const paths = options.paths.length > 0 ? undefined : (config?.profiles ?? ['.']);
  const setup = (rest: Pick<BaseSetup, 'rubric' | 'rubricChanged' | 'problem'>): BaseSetup => ({ ...rest, configChanged, exclude, ...(paths ? { paths } : {}) });
  if (isBuiltinRubricName(ref)) return setup({ rubric: ref === options.rubric ? rubric : loadRubric(ref), rubricChanged: ref !== options.rubric });
  const file = resolveRubric(ref);
  exclude.push(file);
  // Every file of the rubric's chain the base read, as the base had it; built-in ones and files
  // outside the repository from disk, as now.
  const read = new Map<string, Buffer | undefined>();
  const builtins = builtinRubricDir();
  const reader: RubricReader = (f, readOptions) => {
    const relative = path.relative(builtins, path.resolve(f));
    if ((!relative.startsWith('..') && !path.isAbsolute(relative)) || !inRepository(f)) return readBounded(f, readOptions);
    const outcome = readOneAtRevision(revision, f, { what: readOptions.what });
    read.set(path.resolve(f), bytesOf(outcome));
    return outcome;
  };
  let compiled: Rubric | undefined;
  let problem: string | undefined;
  try {
    compiled = compileRubricFile(file, { read: reader });
  } catch (error) {
    if (!(error instanceof RubricError)) throw error;
    problem = `its rubric could not be compiled: ${formatProblem(error.problems[0]!).split('\n')[0]}`;
  }
  // Files are the chain: when each the base read is as it is now, the chain is the same rubric.
  const rubricChanged = ref !== options.rubric || [...read].some(([f, bytes]) => !same(bytes, bytesOf(readBounded(f, { what: 'rubric file' }))));
  if (!rubricChanged) return setup({ rubric, rubricChanged });
  return setup({ rubric: compiled, rubricChanged, ...(problem !== undefined ? { problem: `${rev}: ${problem}` } : {}) });
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
  if (options.failOn === 'worse' && !options.changedSince) throw new UsageError('--fail-on worse: expected --changed-since <git-rev> too: "worse" compares with a revision', 'on a pull request: check --changed-since origin/main --fail-on worse; on a push, a full check: check --fail-on no-go');
  const { report, rubric } = await runCheck({ ...options, verbose: needsEveryOutcome(options), requireProfiles: !options.allowEmpty });
  // With worse, a new partner fails at the level a full check fails on: the config's, else no-go.
  const newAt = options.config?.failOn;
  await emit(report, rubric, { ...options, ...(newAt ? { failNewAt: newAt } : {}) }, write);
  const code = problemsThatFail(report, options.failOn).length > 0 ? 2 : reachesFailOn(report, options.failOn, newAt ? { newAt } : {}) ? 1 : 0;
  if (options.output) warn(writtenNote(report, options, code));
  return code;
}
