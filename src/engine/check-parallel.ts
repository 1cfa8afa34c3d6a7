// `check` on many files, on every core: the files are split into contiguous shares, each judged by
// a worker thread (src/engine/check-worker.ts) with judgeShare; the main thread merges the shares
// in file order and settles what needs them all (pipeline.ts). Few files are judged in this thread,
// through the same two steps.
import { existsSync } from 'node:fs';
import { readBounded } from '../format/read-file.js';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadResult } from '../format/load.js';
import { visibleFindings } from './report-model.js';
import type { Rubric } from '../rubric/load.js';
import { RubricError, type Problem } from '../util/errors.js';
import { problem } from '../util/problems.js';
import type { OpportunityAssessment, PartnerAssessment } from './evaluate.js';
import { isStandaloneCandidate, judgeShare, loadFound, loadShare, settle, type Judged, type ShareFiles, type ShareResult } from './pipeline.js';
import type { OpenQuestion } from './judgement.js';
import type { Finding } from './types.js';

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_THRESHOLD = 300;

/**
 * Findings and open questions a report holds, at most: 100,000 profiles known by name alone hold
 * about 5.9 million and peak near 1.1 GB (docs/robustness.md). Past it, partners are judged but not
 * kept, and the run ends with a located problem: memory stays bounded whatever the repository.
 */
const MAX_REPORT_ITEMS = 8_000_000;

const weightOf = (p: PartnerAssessment) => p.findings.length + p.openQuestions.length + p.opportunities.reduce((sum, o) => sum + o.findings.length + o.openQuestions.length, 0);

/** Keeps judged partners while the report has room; remembers the first one it had to leave out. */
class ReportBudget {
  left: number;
  dropped = 0;
  firstDropped: PartnerAssessment | undefined;
  constructor(limit: number) {
    this.left = limit;
  }
  keep(partner: PartnerAssessment): boolean {
    if (this.firstDropped === undefined) {
      this.left -= weightOf(partner);
      if (this.left >= 0) return true;
    }
    this.firstDropped ??= partner;
    this.dropped++;
    return false;
  }
  problem(limit: number): Problem | undefined {
    const first = this.firstDropped;
    if (!first) return undefined;
    return problem('report-too-large', { file: first.file, line: first.line, column: first.column, path: '' }, { limit, dropped: this.dropped });
  }
}

export interface CheckFilesOptions {
  today: string;
  verbose: boolean;
  /** The rubric as given (a built-in name or a path), for workers to load it themselves. */
  rubricRef: string;
  /** Worker threads; 0 judges in this thread. Default: one per core, from PARALLEL_THRESHOLD files. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Findings and open questions the report may hold (tests set it low); default MAX_REPORT_ITEMS. */
  maxReportItems?: number;
  /** Where the files are and which were named (pipeline.ts): by default, named and relative to the working folder. */
  found?: ShareFiles;
}

/** Keeps what a report shows, so that less crosses between threads and stays in memory. */
export function trimPartners(partners: readonly PartnerAssessment[], verbose: boolean): PartnerAssessment[] {
  return partners.map((p) => ({ ...p, findings: visibleFindings(p.findings, verbose), opportunities: p.opportunities.map((o) => ({ ...o, findings: visibleFindings(o.findings.filter((f) => f.scope === 'opportunity'), verbose) })) }));
}

function workerFile(): string | undefined {
  // Only the built bundle has a worker script beside it; tests of src/ judge in one thread.
  if (typeof __dirname !== 'string') return undefined;
  const file = path.join(__dirname, 'check-worker.cjs');
  return existsSync(file) ? file : undefined;
}

/**
 * Rule titles, mitigations, questions and file names repeat across thousands of findings, and
 * every string that crosses from a worker arrives as a copy of its own: keep one of each.
 */
function interner(): (partner: PartnerAssessment) => PartnerAssessment {
  const strings = new Map<string, string>();
  const one = (s: string) => {
    const seen = strings.get(s);
    if (seen !== undefined) return seen;
    strings.set(s, s);
    return s;
  };
  // Lists of missing fields repeat too, and so do empty evidence lists: one of each.
  const lists = new Map<string, string[]>();
  const NO_EVIDENCE: Finding['evidence'] = [];
  const findings = (list: Finding[]) => {
    for (const f of list) {
      f.ruleId = one(f.ruleId);
      f.title = one(f.title);
      if (f.mitigation) f.mitigation = one(f.mitigation);
      if (f.question) f.question = one(f.question);
      if (f.missing) {
        const key = f.missing.join('\u0000');
        const seen = lists.get(key);
        if (seen) f.missing = seen;
        else lists.set(key, (f.missing = f.missing.map(one)));
      }
      if (f.evidence.length === 0) f.evidence = NO_EVIDENCE;
      for (const e of f.evidence) {
        e.file = one(e.file);
        e.path = one(e.path);
      }
    }
  };
  // Open questions and ranges repeat whole: every partner known by its name alone asks the same 30.
  const shared = new Map<string, unknown>();
  const same = <T>(key: string, value: T): T => {
    const seen = shared.get(key) as T | undefined;
    if (seen !== undefined) return seen;
    shared.set(key, value);
    return value;
  };
  const questions = new Map<string, OpenQuestion>();
  const question = (q: OpenQuestion) => {
    const key = `${q.field}\u0000${q.question}\u0000${q.rules.join(',')}\u0000${q.possibleSeverity}\u0000${q.swing}\u0000${q.decidesVerdict}`;
    const seen = questions.get(key);
    if (seen) return seen;
    questions.set(key, q);
    return q;
  };
  const judged = (e: PartnerAssessment | OpportunityAssessment) => {
    e.openQuestions = e.openQuestions.map(question);
    const { worst, best, settled } = e.range;
    e.range = same(`r${worst.score} ${worst.verdict} ${best.score} ${best.verdict} ${settled}`, e.range);
    e.facts = same(`f${e.facts.known}/${e.facts.total}`, e.facts);
    const conditions = e.conditions.map(one);
    e.conditions = same(`c${conditions.join('\u0000')}`, conditions);
  };
  return (partner) => {
    partner.file = one(partner.file);
    findings(partner.findings);
    judged(partner);
    for (const o of partner.opportunities) {
      o.file = one(o.file);
      findings(o.findings);
      judged(o);
    }
    return partner;
  };
}

/** What a worker is given (src/engine/check-worker.ts): its share of the files, and how to read them. */
export interface CheckJob {
  files: string[];
  candidates: string[];
  /** The rubric as given, for the worker to load it itself. */
  rubric: string;
  today: string;
  verbose: boolean;
  base?: string;
  named?: string[];
}

type WorkerMessage = { type: 'progress'; done: number } | { type: 'batch'; partners: PartnerAssessment[] } | { type: 'result'; result: ShareResult };

function runWorker(file: string, data: CheckJob, keep: (p: PartnerAssessment, into: PartnerAssessment[]) => void, onProgress: (done: number) => void, running: Worker[]): Promise<ShareResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    running.push(worker);
    const partners: PartnerAssessment[] = [];
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.done);
      else if (message.type === 'batch') for (const p of message.partners) keep(p, partners);
      else resolve({ ...message.result, partners });
    });
    // A worker's error may be anything it threw; the run must say what it was.
    // Errors cross threads as plain Errors: a rubric's located problems (a CEL budget passed) are
    // turned back into the RubricError they were, so the CLI prints them as such.
    worker.on('error', (error) => {
      const problems = (error as Partial<RubricError>).problems;
      if (error.name === 'RubricError' && Array.isArray(problems)) reject(new RubricError(problems));
      else reject(error instanceof Error ? error : new Error(`a check worker failed: ${String(error)}`));
    });
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`a check worker stopped with exit code ${code}`));
    });
  });
}

export async function checkFiles(files: readonly string[], rubric: Rubric, options: CheckFilesOptions): Promise<Judged> {
  const found = options.found ?? {};
  // Deals in files of their own are few; every share needs them, so each loads them itself.
  const candidateFiles = files.filter((file) => {
    // Read as loadFile reads: a pipe would block, a huge or special file is refused there anyway.
    const read = readBounded(found.base === undefined ? file : path.resolve(found.base, file));
    return 'bytes' in read && isStandaloneCandidate(read.bytes.toString('utf8'));
  });
  const candidates = new Map<string, LoadResult>(candidateFiles.map((f) => [f, loadFound(f, found)]));
  const deals = [...candidates.values()].flatMap((r) => r.opportunities);
  const script = workerFile();
  // Asked for explicitly (tests), as many as asked; by default one per core for large repositories.
  const count = !script ? 0 : options.workers !== undefined ? Math.min(options.workers, files.length) : files.length >= PARALLEL_THRESHOLD ? Math.min(availableParallelism(), Math.ceil(files.length / 50)) : 0;
  let shares: ShareResult[];
  const limit = options.maxReportItems ?? MAX_REPORT_ITEMS;
  // Each share has its own part of the budget: which partners are kept never depends on timing.
  const budgets = Array.from({ length: Math.max(count, 1) }, () => new ReportBudget(Math.floor(limit / Math.max(count, 1))));
  const intern = interner();
  if (count <= 1) {
    const kept: PartnerAssessment[] = [];
    const chunk = judgeShare(loadShare(files, candidates, found), deals, rubric, {
      today: options.today,
      onProgress: (done) => options.onProgress?.(done, files.length),
      onBatch: (partners) => {
        for (const p of trimPartners(partners, options.verbose)) if (budgets[0]!.keep(p)) kept.push(intern(p));
      },
    });
    shares = [{ ...chunk, partners: kept }];
  } else {
    const size = Math.ceil(files.length / count);
    const done = new Array<number>(count).fill(0);
    const running: Worker[] = [];
    // One failed share fails the run; the others are stopped, or they would keep the process alive.
    const stopAll = (error: unknown) => {
      for (const worker of running) void worker.terminate();
      throw error;
    };
    shares = await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const share = files.slice(i * size, (i + 1) * size);
        const keep = (p: PartnerAssessment, into: PartnerAssessment[]) => {
          if (budgets[i]!.keep(p)) into.push(intern(p));
        };
        const job: CheckJob = { files: share, candidates: candidateFiles, rubric: options.rubricRef, today: options.today, verbose: options.verbose, ...(found.base !== undefined ? { base: found.base } : {}), ...(found.named ? { named: [...found.named] } : {}) };
        return runWorker(script!, job, keep, (n) => {
          done[i] = n;
          options.onProgress?.(done.reduce((a, b) => a + b, 0), files.length);
        }, running);
      }),
    ).catch(stopAll);
  }

  const judged = settle(shares, deals, rubric, { today: options.today });
  const overflow = budgets.map((b) => b.problem(limit)).find((p) => p !== undefined);
  return {
    partners: judged.partners,
    directDeals: judged.directDeals.map((d) => ({ ...d, findings: visibleFindings(d.findings, options.verbose) })),
    problems: overflow ? [...judged.problems, overflow] : judged.problems,
  };
}
