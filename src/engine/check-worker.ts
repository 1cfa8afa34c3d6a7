// A worker thread of `check`: judges one share of the files (see check-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadFile } from '../format/load.js';
import { loadRubric } from '../rubric/load.js';
import { assessChunk } from './check-chunk.js';
import { trimChunk } from './check-parallel.js';

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
// Judged partners go to the main thread in batches as the share goes on: this heap stays small.
const result = assessChunk(job.files, candidates, rubric, {
  today: job.today,
  verbose: job.verbose,
  onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }),
  onBatch: (partners) => parentPort!.postMessage({ type: 'batch', partners: trimChunk({ partners, declared: [], attached: [], problems: [] }, job.verbose).partners }),
});
parentPort!.postMessage({ type: 'result', result });
