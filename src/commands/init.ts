// `partner-eval init [dir]`: scaffolds a profile repository. Never overwrites: each file is
// created only where nothing (not even a link) has its name, through src/util/write.ts (written to
// a temporary file with a random name, created exclusively, then linked into place, which fails if
// the name is taken), and an existing file is reported as kept. The one file it may change is an
// existing package.json, to add partner-eval as a dev dependency when it is not there: CI installs
// partner-eval from the repository's lock file, as any dev tool.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config.js';
import { profileJsonSchema } from '../format/json-schema.js';
import { TOOL } from '../util/tool.js';
import { builtinRubricDir } from '../rubric/load.js';
import { UsageError } from '../util/errors.js';
import { writeFileSafely } from '../util/write.js';

const CONFIG = `# partner-eval settings for this repository (https://www.npmjs.com/package/partner-eval)
version: 1
profiles: profiles/   # where check and portfolio look
rubric: ./rubrics/ours.yaml   # ours: the default rubric, tuned (or a built-in name: default, reseller, services)
failOn: no-go         # check exits 1 when a verdict reaches this: no-go, conditional, unknown, never
exclude: [rubrics/, .github/]   # not profiles: the rubric and its test cases, the workflow
`;

const README = `# Partner profiles

One YAML file per partner in \`profiles/\`, checked by [partner-eval](https://www.npmjs.com/package/partner-eval)
on every pull request. A profile says what each side has put in, how the partner behaves, and the
deals it brings; leave out what you do not know (it becomes an open question, never a pass).

partner-eval is a dev dependency (\`package.json\`, private: this repository is never published):
\`npm install\` once, then \`npx partner-eval\` runs the version \`package-lock.json\` names, here and
in CI (\`.github/workflows/partner-eval.yml\`, which says what each job may do and what is opt-in).

    npx partner-eval assess profiles/example.yaml   # one partner's go/no-go report
    npx partner-eval check                          # every profile, as CI runs it
    npx partner-eval explain no-skin-in-the-game    # what a rule checks and why
    npx partner-eval rules                          # our rubric's rules, and where each came from
    npx partner-eval rubric test rubrics/tests      # our rubric's test cases, as CI runs them
    npx partner-eval backtest                       # how the rules did on past partnerships

\`rubrics/ours.yaml\` is how we weigh partnerships: the default rubric, with our changes. Record how
a partnership turned out (\`outcome: { status: ended, result: failure }\`) and \`backtest\` shows
which rules foretold it.

An accepted risk goes into the profile as a waiver, with a reason, an approver and an expiry, so
that it is reviewed with the facts. Editors validate profiles as you type through the schema in
\`schema/\` (first line of each profile).
`;

const RUBRIC = `# How we weigh partnerships: the default rubric, with our changes. Each change names the rule
# and only the fields it changes; \`partner-eval rules\` shows the result and where each rule came
# from, \`partner-eval rubric lint rubrics/ours.yaml\` checks it.
version: 1
name: ours
extends: [default]
rules: []
# For example:
#  - id: thin-deal
#    params: { minMarginPercent: 20 }   # our deals need a 20% margin, not 15%
#  - id: key-person-dependency
#    severity: high                     # we have been burnt by this
#    rationale: "Two partnerships ended when our only contact left."
#  - id: stale-review
#    enabled: false
`;

const RUBRIC_TESTS = `# Test cases for rubrics/ours.yaml: a profile, and what the rubric must say of it. Add one when
# you change the rubric, so the next change cannot undo it unnoticed. CI runs them.
version: 1
rubric: ../ours.yaml
cases:
  - name: the example partnership is a GO, whatever is still to be found out
    profile: ../../profiles/example.yaml
    expect:
      verdict: GO
      settled: true
      rules: { joint-investment: flagged, no-skin-in-the-game: passed }
`;

const GITIGNORE = `# What npm ci installs (package-lock.json says what), npm's cache in GitLab CI, the reports CI writes
node_modules/
.npm/
partner-eval.md
partner-eval.sarif
partner-eval.xml
`;

/** The CI workflow: ci/github-workflow.yml of the package, which the README shows and the tests run. */
function workflow(): string {
  return readFileSync(path.join(builtinRubricDir(), '..', 'ci', 'github-workflow.yml'), 'utf8');
}

/** partner-eval, pinned to this version, as the one dev dependency of a new package.json. */
function newPackageJson(): string {
  return `${JSON.stringify({ private: true, description: 'Partner profiles, checked by partner-eval', devDependencies: { [TOOL.name]: TOOL.version } }, null, 2)}\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type PackageJsonChange = { kind: 'add'; text: string } | { kind: 'present'; field: string; spec: string } | { kind: 'unusable'; why: string };

/** An existing package.json with partner-eval added to its devDependencies, keeping its indent; or why not. */
function addPartnerEval(text: string): PackageJsonChange {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { kind: 'unusable', why: 'it is not valid JSON' };
  }
  if (!isObject(manifest)) return { kind: 'unusable', why: 'it is not a JSON object' };
  for (const field of ['devDependencies', 'dependencies', 'optionalDependencies']) {
    const spec = isObject(manifest[field]) ? manifest[field][TOOL.name] : undefined;
    if (typeof spec === 'string') return { kind: 'present', field, spec };
  }
  const dev = manifest['devDependencies'];
  if (dev !== undefined && !isObject(dev)) return { kind: 'unusable', why: 'its devDependencies is not an object' };
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? 2;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const json = JSON.stringify({ ...manifest, devDependencies: { ...dev, [TOOL.name]: TOOL.version } }, null, indent);
  return { kind: 'add', text: `${eol === '\n' ? json : json.replaceAll('\n', eol)}${/\r?\n$/.test(text) ? eol : ''}` };
}

/** Creates package.json, or adds partner-eval to the one there: one line saying which, and whether that went wrong. */
function packageJson(file: string, shown: string): { line: string; failed: boolean } {
  if (createExclusive(file, newPackageJson())) return { line: `created ${shown}`, failed: false };
  const manual = `add "${TOOL.name}": "${TOOL.version}" to its devDependencies yourself`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { line: `kept    ${shown} (could not read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; ${manual})`, failed: true };
  }
  const change = addPartnerEval(text);
  if (change.kind === 'present') return { line: `kept    ${shown} (it has ${TOOL.name} ${change.spec} in ${change.field})`, failed: false };
  if (change.kind === 'unusable') return { line: `kept    ${shown} (${change.why}; ${manual})`, failed: true };
  writeFileSafely(file, change.text);
  return { line: `updated ${shown} (${TOOL.name} ${TOOL.version} added to devDependencies)`, failed: false };
}

function exampleProfile(): string {
  // The story of a partnership that works, from the examples shipped with partner-eval.
  const source = readFileSync(path.join(builtinRubricDir(), '..', 'examples', 'joint-product.yaml'), 'utf8');
  return `# yaml-language-server: $schema=../schema/partner-eval.schema.json\n${source}`;
}

/** Creates `file` with `content` unless something is already there; true when it was created. */
function createExclusive(file: string, content: string): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new UsageError(`could not create ${path.dirname(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return writeFileSafely(file, content, { exclusive: true }) === 'created';
}

export function init(options: { dir: string }, write: (text: string) => void): number {
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  const files: [string, () => string][] = [
    [CONFIG_FILE, () => CONFIG],
    ['profiles/example.yaml', exampleProfile],
    ['rubrics/ours.yaml', () => RUBRIC],
    ['rubrics/tests/ours.yaml', () => RUBRIC_TESTS],
    ['schema/partner-eval.schema.json', () => `${JSON.stringify(profileJsonSchema(), null, 2)}\n`],
    ['README.md', () => README],
    ['.gitignore', () => GITIGNORE],
    ['.github/workflows/partner-eval.yml', workflow],
  ];
  const lines: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(options.dir, name);
    const created = createExclusive(file, content());
    lines.push(`${created ? 'created' : 'kept   '} ${shown(file)}${created ? '' : ' (it exists; not overwritten)'}`);
  }
  const pkg = packageJson(path.join(options.dir, 'package.json'), shown(path.join(options.dir, 'package.json')));
  lines.push(pkg.line);
  const cd = path.relative(process.cwd(), options.dir);
  lines.push(
    '',
    'Next:',
    ...(cd ? [`  cd ${cd}`] : []),
    `  npm install                       # installs ${TOOL.name} ${TOOL.version}; commit package.json and package-lock.json`,
    '  npx partner-eval check            # every profile, as CI will run it',
    '  add a profile per partner in profiles/ (see profiles/example.yaml)',
  );
  write(`${lines.join('\n')}\n`);
  // A package.json that could not take partner-eval leaves CI without it: the scaffold is not done.
  return pkg.failed ? 2 : 0;
}
