// Startup benchmark: how long `partner-eval assess` on one example takes next to a bare
// `node -e 0`, run side by side (interleaved, so that machine noise hits both alike).
// Prints figures; nothing here is asserted in tests. Target (issue 2): ratio ≤ 1.5.
//   npm run bench:startup [-- --runs 40 --file examples/acme.yaml]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, file: { type: 'string', default: 'examples/acme.yaml' } } });
const runs = Number(values.runs);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin', 'partner-eval.js');
if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const commands = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: `partner-eval --version`, args: [bin, '--version'] },
  { label: `partner-eval assess ${values.file}`, args: [bin, 'assess', values.file, '--format', 'table'] },
  { label: `partner-eval assess ${values.file} --format json`, args: [bin, 'assess', values.file, '--format', 'json'] },
];

// One run first, so the code cache exists as it does for a user's second and later runs.
for (const c of commands) spawnSync(process.execPath, c.args, { cwd: root, stdio: 'ignore' });

const times = commands.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, c] of commands.entries()) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, c.args, { cwd: root, stdio: 'ignore' });
    times[k].push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${c.label} exited ${result.status}`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const base = median(times[0]);
console.log(`startup, median of ${runs} interleaved runs (node ${process.version}, ${process.arch})`);
for (const [k, c] of commands.entries()) {
  const m = median(times[k]);
  console.log(`${m.toFixed(1).padStart(8)} ms  ${(m / base).toFixed(2)}×  ${c.label}`);
}
const ratio = median(times[2]) / base;
console.log(`assess / node -e 0 = ${ratio.toFixed(2)}× (target ≤ 1.50×): ${ratio <= 1.5 ? 'within target' : 'over target'}`);
