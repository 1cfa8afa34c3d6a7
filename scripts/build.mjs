// Bundles src/ into dist/cli.cjs and compiles the built-in rubrics into dist/rubrics/*.json.
// One CommonJS file loads faster than hundreds of ES modules, and bin/partner-eval.js keeps V8's
// compiled code for it between runs (see that file). Dependencies resolve as Node resolves them
// (their package.json `exports`), so the bundle runs the very builds the tests import.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { thirdPartyNotices } from './third-party-notices.mjs';

const require = createRequire(import.meta.url);

// Built-in modules loaded at start-up that `assess` rarely or never uses: commander's
// child_process (for external subcommands), chalk's colour detection (we set the level), and
// node:tty, which src/cli.ts needs only when stdout is a character device. Each is replaced by a
// module of getters that loads the real one on first use.
const LAZY_BUILTINS = /^(node:)?(child_process|tty|os)$/;
// chalk detects colour support when imported; we always give it a level (src/cli.ts decides, as
// cli.md says), so its detection is replaced by "no support detected".
const noColorDetection = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-color-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTINS }, (args) => (/node_modules[\\/](commander|chalk)[\\/]|src[\\/]cli\.ts$/.test(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const id = `node:${args.path}`;
      const keys = Object.keys(require(id)).filter((key) => key !== 'default');
      return {
        contents: `let real; const load = () => (real ??= require(${JSON.stringify(id)}));
for (const key of ${JSON.stringify(keys)}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
        loader: 'js',
      };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The rubric loader finds the package folder from __dirname when bundled; import.meta is for src/.
  define: { 'import.meta.url': 'undefined' },
  // The questionnaire's prompts stay in node_modules, loaded by --interactive alone: bundled, they
  // would double what every `assess` compiles at start-up. So does re2js, loaded by the first
  // `matches` a rubric runs (none of the built-in rubrics does): 170 KB every run would parse.
  external: ['@inquirer/prompts', 're2js'],
  logLevel: 'warning',
};

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
// Source maps beside the bundles (dist/*.cjs.map, shipped), read only by a --debug run
// (bin/partner-eval.js), so that an internal error's stack trace names src/ files and lines. No
// sources inside: the trace needs positions only, and the sources are the repository's.
// The metafile lists every file bundled, so THIRD-PARTY-NOTICES names each package dist/ carries.
const bundled = await build({ ...common, plugins: [lazyBuiltins, noColorDetection], entryPoints: { cli: 'src/main.ts', 'check-worker': 'src/engine/check-worker.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, minify: true, legalComments: 'linked', sourcemap: 'linked', sourcesContent: false, metafile: true });
// Build-time helpers, run here and removed: the precompiled rubrics and the JSON report's schema.
await build({ ...common, entryPoints: { precompile: 'src/rubric/precompile.ts', 'report-json-schema': 'src/report/report-json-schema.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' } });
const { precompileBuiltinRubrics } = require('../dist/precompile.cjs');
const written = precompileBuiltinRubrics();
// Shipped (package.json `files`) and generated, never edited: neither is in git (.gitignore).
const { reportJsonSchema } = require('../dist/report-json-schema.cjs');
await mkdir(new URL('../schema', import.meta.url), { recursive: true });
await writeFile(new URL('../schema/report.schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
await writeFile(new URL('../THIRD-PARTY-NOTICES', import.meta.url), thirdPartyNotices(Object.keys(bundled.metafile.inputs)));
await rm(new URL('../dist/precompile.cjs', import.meta.url));
await rm(new URL('../dist/report-json-schema.cjs', import.meta.url));
// Run the main job once, so that its code cache exists before the first run from this checkout.
// Not shipped (`files` in package.json leaves dist/.cache out): compiled code from the build
// machine is code nobody can review; an install writes its own on its first run.
execFileSync(process.execPath, ['bin/partner-eval.js', 'assess', 'examples/acme.yaml', '--fail-on', 'never'], { stdio: 'ignore' });
console.log(`built dist/cli.cjs and ${written.length} compiled rubric(s)`);
