// The command line: the only place that reads argv, the environment and TTYs, and that picks exit
// codes (0 no verdict reached --fail-on, 1 one did, 2 could not judge). Commands are imported
// when they run, so `assess` never loads what other commands need.
import { Argument, Command, CommanderError, Option } from 'commander';
import { fstatSync, statSync, writeSync } from 'node:fs';
// Loaded on first use in the bundle (scripts/build.mjs): it brings the network stack with it.
import * as tty from 'node:tty';
import { parseAlsoWrite, type ReportingOptions } from './commands/emit.js';
import type { ExplainOptions } from './commands/explain.js';
import type { RulesOptions } from './commands/rules.js';
import { findConfig, namedConfig, type Config } from './config.js';
import { BACKTEST_REPORTERS, PORTFOLIO_REPORTERS, REPORTERS, type BacktestFormat, type PortfolioFormat } from './report/index.js';
import { FAIL_ON, type FailOn } from './engine/report-model.js';
import { TOOL } from './util/tool.js';
import { formatProblem, InputError, RubricError, UsageError } from './util/errors.js';
import { resolveToday } from './util/today.js';
import { forTerminal, terminalProblem, withoutWorkflowCommands } from './util/escape.js';

export interface Io {
  /** Writes; a promise when the reader is behind, to be awaited before writing more. */
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** stderr is a terminal: where progress bars may go. */
  isStderrTTY?: boolean;
  /** stdin is a terminal: someone can answer questions. */
  isStdinTTY?: boolean;
  columns?: number;
}

/** Colour as cli.md says: --no-color, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
function shouldColor(flag: boolean, io: Pick<Io, 'env' | 'isTTY'>): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

interface GlobalOptions {
  color: boolean;
  debug?: boolean;
}

/**
 * Where a command's rubric and config come from: the rubric is --rubric, else the config's, else
 * the built-in default; the config is --config, else the .partner-eval.yaml of the paths the
 * command reads (or of the working folder), looked for once and only by a command that needs it,
 * so `rubric lint` or `explain --rubric x` never read a broken one.
 */
interface Settings {
  config: () => Config | undefined;
  rubric: (given: string | undefined) => string;
}

function settingsResolver(named: string | undefined, from: readonly string[]): Settings {
  let found: { config: Config | undefined } | undefined;
  const config = () => (found ??= { config: named !== undefined ? namedConfig(named) : findConfig(from) }).config;
  return { config, rubric: (given) => given ?? config()?.rubric ?? 'default' };
}

/** What a command's run is given besides its arguments and options. */
interface Context extends Settings {
  io: Io;
  /** For output small enough not to need the reader to keep up (help, messages, questions). */
  say: (text: string) => void;
  color: boolean;
}

/** The options of cli.md's "Options common to reporting commands", as commander parses them. */
interface ReportFlags {
  rubric?: string;
  format: string;
  failOn?: string;
  output?: string;
  outputFormat?: string[];
  verbose?: boolean;
  quiet?: boolean;
  today?: string;
}

function failOnOf(value: string | undefined, config: Config | undefined): FailOn {
  const chosen = value ?? config?.failOn ?? 'no-go';
  if (!(FAIL_ON as readonly string[]).includes(chosen)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON.join(', ')}, got "${chosen}"`);
  return chosen as FailOn;
}

/** The reporting options with the config's defaults and the environment's say. */
function reporting(flags: ReportFlags, cx: Context): ReportingOptions {
  return {
    rubric: cx.rubric(flags.rubric),
    format: flags.format,
    failOn: failOnOf(flags.failOn, cx.config()),
    ...(flags.output ? { output: flags.output } : {}),
    ...(flags.outputFormat ? { alsoWrite: parseAlsoWrite(flags.outputFormat, flags.output) } : {}),
    verbose: flags.verbose ?? false,
    quiet: flags.quiet ?? false,
    color: cx.color,
    today: resolveToday(flags.today),
    ...(cx.io.columns ? { width: cx.io.columns } : {}),
    ...(cx.io.env.GITHUB_STEP_SUMMARY ? { stepSummary: cx.io.env.GITHUB_STEP_SUMMARY } : {}),
    warn: (message) => cx.io.stderr(withoutWorkflowCommands(`partner-eval: warning: ${forTerminal(message)}\n`)),
  };
}

// Shared option builders: one wording per option, a note where a command means something more.
const rubricOption = (description = 'built-in rubric name or rubric file') => new Option('--rubric <name|path>', description);
const formatOption = (formats: readonly string[], fallback: string) => new Option('--format <format>', 'output format').choices(formats).default(fallback);
const outputOption = (what: string) => new Option('-o, --output <file>', `write ${what} to a file instead of stdout`);
const todayOption = (description = 'as of this date') => new Option('--today <YYYY-MM-DD>', description);
/** cli.md, "Options common to reporting commands". */
const reportingOptions = () => [
  rubricOption('built-in rubric name or rubric file (default: config, else "default")'),
  formatOption(Object.keys(REPORTERS), 'table'),
  new Option('--fail-on <level>', 'exit 1 when a verdict reaches this level (default: config, else no-go); a file that cannot be judged exits 2 at every level, never included').choices([...FAIL_ON]),
  outputOption('the report'),
  new Option('--output-format <format=file>', 'also write the report in this format to this file, from the same run (repeatable): --format github --output-format sarif=partner-eval.sarif').argParser(collect),
  new Option('--verbose', 'show every rule outcome, passed and not applicable too'),
  new Option('--quiet', 'show only findings: no questions or green signals'),
  todayOption('assess as of this date (waiver expiry, days since review)'),
];
const pathsArgument = () => new Argument('[path...]', 'files or folders (default: `profiles` of .partner-eval.yaml, else .)');
const configOption = () => new Option('--config <file>', 'the config file (default: .partner-eval.yaml in the folder of the paths, or the nearest folder above it in the repository)');

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** cli.md's exit codes, as --help of the program and of the reporting commands says them. */
const EXIT_CODES_HELP = `
Exit codes:
  0  ran, and no verdict reached --fail-on
  1  ran, and a verdict reached --fail-on
  2  could not judge: a profile, rubric or config that is invalid, an unknown option, a missing
     path, no profiles found (check, unless --allow-empty); whatever --fail-on says, never included`;
/** Every environment variable the tool reads (PARTNER_EVAL_WORKERS is for its own tests). */
const ENVIRONMENT_HELP = `
Environment:
  NO_COLOR             no colour (as --no-color)
  FORCE_COLOR          colour even when stdout is not a terminal; 0 or false: none
  CI                   no progress bar on stderr
  GITHUB_STEP_SUMMARY  with --format github, the full markdown report is appended to this file`;

/** Questions need someone to answer them: in CI or a pipe, say so instead of waiting. */
function needTerminal(io: Io, what: string, hint: string): void {
  if (!io.isStdinTTY || !io.isTTY) throw new UsageError(`${what} needs a terminal to ask its questions, and this is not one`, hint);
}

/** One command, as `--help` shows it: what it takes, and what it runs (imported when it runs). */
interface CommandSpec<Args extends unknown[] = unknown[], Flags = unknown> {
  name: string;
  description: string;
  args?: readonly Argument[];
  /** In the order `--help` lists them. */
  options?: readonly Option[];
  /** Command lines, each shown as `$ <line>` under "Example(s):". */
  examples?: readonly string[];
  /** A line after the examples. */
  note?: string;
  /** Says its exit codes and the environment it reads, after the examples. */
  isReporting?: true;
  /** Reads the config (and takes --config): found from these paths upward, else from the working folder. */
  readsConfig?(args: Args): readonly string[];
  // A method, so that the table can hold commands of different arguments and options.
  run?(args: Args, flags: Flags, cx: Context): Promise<number>;
  subcommands?: readonly CommandSpec[];
}

const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'assess',
    description: 'go/no-go report for the partners and opportunities in the files',
    args: [new Argument('<file...>', 'partner profiles or opportunity files (YAML)')],
    options: [
      new Option('--opportunity <file>', 'add a standalone deal for the partner in the first file (repeatable)').argParser(collect),
      new Option('--interactive', 'on a terminal: ask the open questions (blockers first), write the answers into the file, report again'),
      ...reportingOptions(),
    ],
    examples: ['partner-eval assess examples/acme.yaml', 'partner-eval assess examples/acme.yaml --format json --fail-on conditional', 'partner-eval assess profiles/acme.yaml --opportunity deals/uci-cluster.yaml'],
    readsConfig: ([files]: [string[]]) => files,
    isReporting: true,
    async run([files]: [string[]], flags: ReportFlags & { opportunity?: string[]; interactive?: boolean }, cx) {
      if (flags.interactive) {
        if (files.length !== 1) throw new UsageError('--interactive: expected one profile file', 'partner-eval assess --interactive profiles/acme.yaml');
        needTerminal(cx.io, '--interactive', 'run it in a terminal, or answer by editing the file and run `partner-eval assess` without --interactive');
        const [{ assessInteractive }, { inquirerAsker }] = await Promise.all([import('./commands/assess-interactive.js'), import('./questionnaire/asker.js')]);
        const asker = inquirerAsker();
        try {
          return await assessInteractive({ file: files[0]!, ...reporting(flags, cx) }, asker, { stdout: cx.say });
        } finally {
          asker.close();
        }
      }
      const { assess } = await import('./commands/assess.js');
      return assess({ files, opportunity: flags.opportunity ?? [], ...reporting(flags, cx) }, cx.io.stdout);
    },
  },
  {
    name: 'check',
    description: 'the CI command: every profile under the paths, validated and assessed, in one report',
    args: [pathsArgument()],
    options: [
      new Option('--changed-since <git-rev>', 'only profiles changed since the revision (and deals whose partner changed), judged before and after'),
      new Option('--allow-empty', 'exit 0 when the paths hold no profile (else "no profiles found" exits 2, so that a moved folder does not pass unseen)'),
      ...reportingOptions(),
    ],
    examples: ['partner-eval check', 'partner-eval check --changed-since origin/main --format github', 'partner-eval check profiles/ --fail-on conditional', 'partner-eval check --format json --output report.json'],
    readsConfig: ([paths]: [string[]]) => paths,
    isReporting: true,
    async run([paths]: [string[]], flags: ReportFlags & { changedSince?: string; allowEmpty?: boolean }, cx) {
      const { check } = await import('./commands/check.js');
      const config = cx.config();
      return check(
        {
          paths,
          ...reporting(flags, cx),
          ...(config ? { config } : {}),
          ...(flags.changedSince ? { changedSince: flags.changedSince } : {}),
          allowEmpty: flags.allowEmpty === true,
          showProgress: cx.io.isStderrTTY === true && !cx.io.env.CI,
          // Internal: lets tests run the worker threads on a handful of files.
          ...(cx.io.env.PARTNER_EVAL_WORKERS ? { workers: Number(cx.io.env.PARTNER_EVAL_WORKERS) } : {}),
        },
        cx.io.stdout,
        cx.io.stderr,
      );
    },
  },
  {
    name: 'interview',
    description: 'build a profile (or a deal) by answering questions, or walk through an existing one',
    args: [new Argument('[file]', 'the profile to walk through, or to create (default: <name>.yaml in the profiles folder)')],
    options: [rubricOption('built-in rubric name or rubric file, for the verdict shown before writing'), todayOption()],
    examples: ['partner-eval interview', 'partner-eval interview profiles/acme.yaml'],
    readsConfig: ([file]: [string | undefined]) => (file ? [file] : []),
    async run([file]: [string | undefined], flags: { rubric?: string; today?: string }, cx) {
      needTerminal(cx.io, 'interview', 'run it in a terminal, or write the profile by hand (docs/format.md)');
      const [{ interview }, { inquirerAsker }] = await Promise.all([import('./commands/interview.js'), import('./questionnaire/asker.js')]);
      // Before the prompts take the terminal: a broken config is said and nothing waits for input.
      const profilesDir = cx.config()?.profiles?.[0];
      const asker = inquirerAsker();
      try {
        return await interview({ ...(file ? { file } : {}), rubric: cx.rubric(flags.rubric), today: resolveToday(flags.today), ...(profilesDir ? { profilesDir } : {}) }, asker, { stdout: cx.say });
      } finally {
        asker.close();
      }
    },
  },
  {
    name: 'explain',
    description: 'what a rule checks, why, its severity, the fields it reads and its mitigation',
    args: [new Argument('<rule-id>', 'a rule id, as `partner-eval rules` lists them')],
    options: [rubricOption(), formatOption(['text', 'json'] satisfies ExplainOptions['format'][], 'text')],
    examples: ['partner-eval explain try-and-buy-leverage'],
    readsConfig: () => [],
    async run([ruleId]: [string], flags: { rubric?: string; format: ExplainOptions['format'] }, cx) {
      const { explain } = await import('./commands/explain.js');
      return explain({ ruleId, rubric: cx.rubric(flags.rubric), format: flags.format, color: cx.color }, cx.say);
    },
  },
  {
    name: 'rules',
    description: 'the rules of the rubric in use, with severity and whether enabled',
    options: [rubricOption(), formatOption(['table', 'json'] satisfies RulesOptions['format'][], 'table')],
    examples: ['partner-eval rules --format json'],
    readsConfig: () => [],
    async run(_: [], flags: { rubric?: string; format: RulesOptions['format'] }, cx) {
      const { rules } = await import('./commands/rules.js');
      return rules({ rubric: cx.rubric(flags.rubric), format: flags.format, color: cx.color }, cx.say);
    },
  },
  {
    name: 'rubric',
    description: 'work on rubrics: lint one, run its tests',
    subcommands: [
      {
        name: 'test',
        description: 'run rubric test cases: profiles and the outcomes a rubric must give them',
        args: [new Argument('[dir]', 'a folder (or file) of test cases').default('rubrics/tests')],
        // No config: a test file names its rubric.
        options: [rubricOption('the rubric under test (default: each test file\'s `rubric:`, else default)'), todayOption('as of this date (a test file\'s `today:` wins)')],
        examples: ['partner-eval rubric test rubrics/tests'],
        async run([dir]: [string], flags: { rubric?: string; today?: string }, cx) {
          const { rubricTest } = await import('./commands/rubric-test.js');
          return rubricTest({ dir, ...(flags.rubric ? { rubric: flags.rubric } : {}), today: resolveToday(flags.today) }, cx.say);
        },
      },
      {
        name: 'lint',
        description: 'check a rubric: schema, CEL syntax and types, duplicate ids, unknown keys, templates',
        args: [new Argument('<file>', 'a rubric file (or a built-in name)')],
        examples: ['partner-eval rubric lint rubrics/ours.yaml'],
        async run([file]: [string], _: unknown, cx) {
          const { rubricLint } = await import('./commands/rubric-lint.js');
          return rubricLint({ file }, cx.say);
        },
      },
    ],
  },
  {
    name: 'schema',
    description: 'print the JSON Schema of the profile format (for editors: yaml-language-server $schema)',
    options: [outputOption('it')],
    examples: ['partner-eval schema --output schema/partner-eval.schema.json'],
    note: 'then, first line of a profile: # yaml-language-server: $schema=../schema/partner-eval.schema.json',
    async run(_: [], flags: { output?: string }, cx) {
      const { schema } = await import('./commands/schema.js');
      return schema(flags, cx.say);
    },
  },
  {
    name: 'portfolio',
    description: 'every partner in one ranked table: verdict, score, skin ratio, capital at risk, open flags, last review',
    args: [pathsArgument()],
    options: [rubricOption(), formatOption(Object.keys(PORTFOLIO_REPORTERS), 'table'), outputOption('it'), todayOption()],
    examples: ['partner-eval portfolio profiles/ --format markdown'],
    readsConfig: ([paths]: [string[]]) => paths,
    async run([paths]: [string[]], flags: { rubric?: string; format: PortfolioFormat; output?: string; today?: string }, cx) {
      const { portfolio } = await import('./commands/portfolio.js');
      const config = cx.config();
      return portfolio({ paths, rubric: cx.rubric(flags.rubric), format: flags.format, ...(flags.output ? { output: flags.output } : {}), today: resolveToday(flags.today), color: cx.color, ...(config ? { config } : {}) }, cx.io.stdout);
    },
  },
  {
    name: 'backtest',
    description: 'how well each rule and the verdict foretold how past partnerships turned out (profiles with outcome.result)',
    args: [pathsArgument()],
    options: [rubricOption(), formatOption(Object.keys(BACKTEST_REPORTERS), 'table'), outputOption('it'), todayOption()],
    examples: ['partner-eval backtest examples/history', 'partner-eval backtest profiles/ --rubric ./rubrics/ours.yaml --format markdown'],
    readsConfig: ([paths]: [string[]]) => paths,
    async run([paths]: [string[]], flags: { rubric?: string; format: BacktestFormat; output?: string; today?: string }, cx) {
      const { backtest } = await import('./commands/backtest.js');
      const config = cx.config();
      return backtest({ paths, rubric: cx.rubric(flags.rubric), format: flags.format, ...(flags.output ? { output: flags.output } : {}), today: resolveToday(flags.today), color: cx.color, ...(config ? { config } : {}) }, cx.io.stdout, (text) => void cx.io.stderr(text));
    },
  },
  {
    name: 'init',
    description: 'scaffold a profile repository: profiles/, an example, .partner-eval.yaml, the schema, a CI workflow',
    args: [new Argument('[dir]', 'where (default: the working folder)').default('.')],
    examples: ['partner-eval init partners-repo'],
    async run([dir]: [string], _: unknown, cx) {
      const { init } = await import('./commands/init.js');
      return init({ dir }, cx.say);
    },
  },
];

function examplesHelp(spec: CommandSpec): string {
  const examples = spec.examples ?? [];
  return ['', `${examples.length === 1 ? 'Example' : 'Examples'}:`, ...examples.map((line) => `  $ ${line}`), ...(spec.note ? [`  ${spec.note}`] : []), ...(spec.isReporting ? [EXIT_CODES_HELP, ENVIRONMENT_HELP] : [])].join('\n');
}

function addCommand(parent: Command, spec: CommandSpec, context: (settings: Settings) => Context, setExitCode: (code: number) => void): void {
  const command = parent.command(spec.name).description(spec.description);
  for (const argument of spec.args ?? []) command.addArgument(argument);
  for (const option of spec.options ?? []) command.addOption(option);
  if (spec.readsConfig) command.addOption(configOption());
  if (spec.examples) command.addHelpText('after', examplesHelp(spec));
  for (const sub of spec.subcommands ?? []) addCommand(command, sub, context, setExitCode);
  if (spec.run) {
    const run = spec.run.bind(spec);
    const configFrom = spec.readsConfig?.bind(spec);
    // commander calls an action with the arguments, the options, then the command itself.
    command.action(async (...received: unknown[]) => {
      const self = received.at(-1) as Command;
      const flags = self.opts<{ config?: string }>();
      setExitCode(await run(self.processedArgs, flags, context(settingsResolver(flags.config, configFrom?.(self.processedArgs) ?? []))));
    });
  }
}

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('partner-eval');
  program
    .description('Go/no-go reports on partnerships and partner-brought deals, from YAML partner profiles.')
    .version(TOOL.version, '-V, --version')
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${EXIT_CODES_HELP}\n${ENVIRONMENT_HELP}`)
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout(text), writeErr: (text) => void io.stderr(text) });
  // Once the command line is parsed: colour depends on --no-color, the config on the paths and --config.
  const context = (settings: Settings): Context => ({ ...settings, io, say: (text) => void io.stdout(text), color: shouldColor(program.opts<GlobalOptions>().color, io) });
  for (const spec of COMMANDS) addCommand(program, spec, context, setExitCode);
  return program;
}

/** Runs the CLI; resolves to the exit code. The one error boundary of the tool. */
export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; commander has already printed the rest.
      return error.exitCode === 0 ? 0 : 2;
    }
    // Messages quote file names, keys and values from the repository: terminal-safe, and no line
    // of them can pass for a workflow command.
    const say = (text: string) => io.stderr(withoutWorkflowCommands(text));
    if (error instanceof InputError || error instanceof RubricError) {
      say(`${error.problems.map((p) => formatProblem(terminalProblem(p))).join('\n')}\n`);
      const files = new Set(error.problems.map((p) => p.file)).size;
      io.stderr(`partner-eval: ${error.problems.length} problem(s) in ${files} file(s); nothing was assessed.\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      say(`partner-eval: ${forTerminal(error.message)}\n${error.hint ? `  hint: ${forTerminal(error.hint)}\n` : ''}`);
      return 2;
    }
    const debug = argv.includes('--debug');
    say(`partner-eval: internal error: ${forTerminal(errorText(error))}\n${debug ? `${(error as Error)?.stack ?? ''}\n` : 'This is a bug; please report it with the command you ran (add --debug for details).\n'}`);
    return 2;
  }
}

/**
 * Writes to a standard stream's file descriptor directly: creating process.stdout costs a few
 * milliseconds of start-up. A full non-blocking pipe (EAGAIN) falls back to the stream; a closed
 * one (EPIPE, as with `| head`) ends the output quietly.
 */
function writer(fd: 1 | 2): (text: string) => void | Promise<void> {
  let isClosed = false;
  // Once a write has gone to the stream, every later one must too, or they would overtake it.
  let stream: NodeJS.WriteStream | undefined;
  return (text) => {
    if (isClosed) return;
    if (stream) {
      // A slow reader: wait for it, rather than keep the whole report in memory.
      if (!stream.write(text)) return new Promise((resolve) => stream!.once('drain', resolve));
      return;
    }
    const bytes = Buffer.from(text);
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        isClosed = true;
        return;
      }
      if (code !== 'EAGAIN') throw error;
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', () => {
        isClosed = true;
      });
      if (!stream.write(bytes.subarray(offset))) return new Promise((resolve) => stream!.once('drain', resolve));
    }
  };
}

/**
 * Whether a file descriptor is a terminal. Pipes, files and /dev/null (CI, `> report.txt`) are
 * ruled out by fstat; only another character device needs node:tty, which loads the whole network
 * stack with it.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    // /dev/null is a character device too, and a common place to send a report (exit code only).
    if (stat.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return tty.isatty(fd);
}

/** Entry point of the binary. */
export async function main(): Promise<void> {
  const isTTY = isTerminal(1);
  // Errors are short lines: nothing to wait for.
  const toStderr = writer(2);
  const code = await run(process.argv.slice(2), {
    stdout: writer(1),
    stderr: (text) => void toStderr(text),
    env: process.env,
    isTTY,
    isStderrTTY: isTerminal(2),
    isStdinTTY: isTerminal(0),
    ...(isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  });
  process.exitCode = code;
}

/** What went wrong, whatever was thrown: a worker can reject with a plain object. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    try {
      return JSON.stringify(error).slice(0, 500);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
