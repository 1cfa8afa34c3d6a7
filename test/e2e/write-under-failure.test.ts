// A process killed while it writes a profile leaves the old file or the new one, never half of
// either: writes go to a temporary file that is renamed over the original (src/util/write.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './exec.js';

describe('a write killed half-way', () => {
  it('leaves one whole version of the file, whenever the kill comes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pe-kill-'));
    const script = path.join(dir, 'write-loop.cjs');
    await build({ entryPoints: [path.join(ROOT, 'test', 'helpers', 'write-loop.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
    const file = path.join(dir, 'profile.yaml');
    const A = '# version A\n';
    const B = '# version B, a little longer\n';
    const whole = new Set([A.repeat(2 * 1024 * 1024 / A.length), B.repeat(2 * 1024 * 1024 / B.length)]);
    writeFileSync(file, [...whole][0]!);
    let seed = 7;
    for (let round = 0; round < 25; round++) {
      const child = spawn(process.execPath, [script, file, A, B], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      seed = (seed * 1103515245 + 12345) % 2147483648;
      await new Promise((resolve) => setTimeout(resolve, 5 + (seed % 60)));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(whole.has(readFileSync(file, 'utf8'))).toBe(true);
      // Temporary files of killed writers are litter, never the profile itself.
      for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(path.join(dir, name));
    }
  }, 120_000);
});
