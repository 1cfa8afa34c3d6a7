// A worker thread of `check`: judges one share of the files (see check-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadRubric } from '../rubric/load.js';
import { trimPartners, type CheckJob } from './check-parallel.js';
import { judgeShare, loadFound, loadShare, type ShareFiles } from './pipeline.js';

const job = workerData as CheckJob;
const rubric = loadRubric(job.rubric);
const found: ShareFiles = { ...(job.base !== undefined ? { base: job.base } : {}), ...(job.named ? { named: new Set(job.named) } : {}) };
const candidates = new Map(job.candidates.map((f) => [f, loadFound(f, found)]));
const deals = [...candidates.values()].flatMap((r) => r.opportunities);
// Judged partners go to the main thread in batches as the share goes on: this heap stays small.
const result = judgeShare(loadShare(job.files, candidates, found), deals, rubric, {
  today: job.today,
  onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }),
  onBatch: (partners) => parentPort!.postMessage({ type: 'batch', partners: trimPartners(partners, job.verbose) }),
});
parentPort!.postMessage({ type: 'result', result });
