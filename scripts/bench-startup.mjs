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
console.log('stdout: a pipe (as when a script captures the report); the code cache is warm');

const times = commands.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, c] of commands.entries()) {
    const start = process.hrtime.bigint();
    // stdout to a pipe, as when a script or CI captures the report.
    const result = spawnSync(process.execPath, c.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    times[k].push(Number(process.hrtime.bigint() - start) / 1e6);
    // A fast failure is not a fast run: every run must print a report and no error.
    if ((result.status !== 0 && result.status !== 1) || result.stderr !== '' || (k > 0 && result.stdout.length < 2)) {
      throw new Error(`${c.label} failed (exit ${result.status}):\n${result.stderr}`);
    }
  }
}

// On a terminal, as a person runs it: through a pseudo-terminal (util-linux `script`), where
// the report is in colour and node:tty is loaded. Informational: `script` adds its own cost to both.
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const terminal = hasScript
  ? [
      { label: 'node -e 0 (terminal)', cmd: `${process.execPath} -e 0` },
      { label: `partner-eval assess ${values.file} (terminal)`, cmd: `${process.execPath} ${bin} assess ${values.file}` },
    ]
  : [];
const terminalTimes = terminal.map(() => []);
for (let i = 0; i < Math.min(runs, 20); i++) {
  for (const [k, c] of terminal.entries()) {
    const start = process.hrtime.bigint();
    spawnSync('script', ['-qec', c.cmd, '/dev/null'], { cwd: root, stdio: 'ignore' });
    terminalTimes[k].push(Number(process.hrtime.bigint() - start) / 1e6);
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
if (terminal.length > 0) {
  const tBase = median(terminalTimes[0]);
  console.log(`on a terminal (pseudo-terminal, median of ${terminalTimes[0].length}):`);
  for (const [k, c] of terminal.entries()) console.log(`${median(terminalTimes[k]).toFixed(1).padStart(8)} ms  ${(median(terminalTimes[k]) / tBase).toFixed(2)}×  ${c.label}`);
}
