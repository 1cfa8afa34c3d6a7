// `partner-eval init [dir]`: scaffolds a profile repository. Never overwrites: each file is
// created only where nothing (not even a link) has its name, through src/util/write.ts (written to
// a temporary file with a random name, created exclusively, then linked into place, which fails if
// the name is taken), and an existing file is reported as kept.
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
`;

const README = `# Partner profiles

One YAML file per partner in \`profiles/\`, checked by [partner-eval](https://www.npmjs.com/package/partner-eval)
on every pull request. A profile says what each side has put in, how the partner behaves, and the
deals it brings; leave out what you do not know (it becomes an open question, never a pass).

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

const WORKFLOW = `# Checks the partner profiles: on a pull request, what it changed (it fails only when it made a
# verdict worse, brings a new NO-GO or breaks a file); on a push, every profile. Annotations on the
# changed lines, the full report in the job summary, and SARIF for code scanning.
name: partner-eval
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # the pull request's merge base with its base branch, for --changed-since
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Test our rubric
        run: npx --yes partner-eval@${TOOL.version} rubric test rubrics/tests
      - name: Check what the pull request changes
        if: github.event_name == 'pull_request'
        env:
          BASE_REF: \${{ github.base_ref }}
        run: npx --yes partner-eval@${TOOL.version} check --changed-since "origin/$BASE_REF" --fail-on worse --format github
      - name: Check partner profiles
        if: github.event_name != 'pull_request'
        run: npx --yes partner-eval@${TOOL.version} check --format github
      - name: Write SARIF
        if: always()
        run: npx --yes partner-eval@${TOOL.version} check --format sarif --output partner-eval.sarif --fail-on never
      - name: Upload SARIF to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: partner-eval.sarif
          category: partner-eval
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
  const files: [string, () => string][] = [
    [CONFIG_FILE, () => CONFIG],
    ['profiles/example.yaml', exampleProfile],
    ['rubrics/ours.yaml', () => RUBRIC],
    ['rubrics/tests/ours.yaml', () => RUBRIC_TESTS],
    ['schema/partner-eval.schema.json', () => `${JSON.stringify(profileJsonSchema(), null, 2)}\n`],
    ['README.md', () => README],
    ['.github/workflows/partner-eval.yml', () => WORKFLOW],
  ];
  const lines: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(options.dir, name);
    const created = createExclusive(file, content());
    lines.push(`${created ? 'created' : 'kept   '} ${path.relative(process.cwd(), file) || file}${created ? '' : ' (it exists; not overwritten)'}`);
  }
  const cd = path.relative(process.cwd(), options.dir);
  lines.push('', 'Next:', ...(cd ? [`  cd ${cd}`] : []), '  npx partner-eval check            # every profile, as CI will run it', '  add a profile per partner in profiles/ (see profiles/example.yaml)');
  write(`${lines.join('\n')}\n`);
  return 0;
}
