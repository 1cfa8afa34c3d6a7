// A worker thread of `check`: judges one share of the files (see check-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadFile } from '../format/load.js';
import { loadRubric } from '../rubric/load.js';
import { trimPartners } from './check-parallel.js';
import { judgeShare, loadShare } from './pipeline.js';

interface Job {
  files: string[];
  candidates: string[];
  rubric: string;
  today: string;
  verbose: boolean;
}

const job = workerData as Job;
const rubric = loadRubric(job.rubric);
const candidates = new Map(job.candidates.map((f) => [f, loadFile(f)]));
const deals = [...candidates.values()].flatMap((r) => r.opportunities);
// Judged partners go to the main thread in batches as the share goes on: this heap stays small.
const result = judgeShare(loadShare(job.files, candidates), deals, rubric, {
  today: job.today,
  onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }),
  onBatch: (partners) => parentPort!.postMessage({ type: 'batch', partners: trimPartners(partners, job.verbose) }),
});
parentPort!.postMessage({ type: 'result', result });
