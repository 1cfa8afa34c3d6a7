// The command line: the only place that reads argv, the environment and TTYs, and that picks exit
// codes (0 no verdict reached --fail-on, 1 one did, 2 could not judge). Commands are imported
// when they run, so `assess` never loads what other commands need.
import { Command, CommanderError, Option } from 'commander';
import { fstatSync, statSync, writeSync } from 'node:fs';
// Loaded on first use in the bundle (scripts/build.mjs): it brings the network stack with it.
import * as tty from 'node:tty';
import type { ReportingOptions } from './commands/emit.js';
import { findConfig, type Config } from './config.js';
import { REPORTERS } from './report/index.js';
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
export function shouldColor(flag: boolean, io: Pick<Io, 'env' | 'isTTY'>): boolean {
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

interface ReportOptions {
  rubric?: string;
  format: string;
  failOn?: string;
  output?: string;
  verbose?: boolean;
  quiet?: boolean;
  today?: string;
  opportunity?: string[];
  changedSince?: string;
  interactive?: boolean;
}

function failOnOf(value: string | undefined, config: Config | undefined): FailOn {
  const chosen = value ?? config?.failOn ?? 'no-go';
  if (!(FAIL_ON as readonly string[]).includes(chosen)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON.join(', ')}, got "${chosen}"`);
  return chosen as FailOn;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  let config: Config | undefined;
  let configLoaded = false;
  const getConfig = () => {
    if (!configLoaded) {
      config = findConfig();
      configLoaded = true;
    }
    return config;
  };
  // For output small enough not to need the reader to keep up (help, messages, questions).
  const say = (text: string): void => void io.stdout(text);
  const program = new Command('partner-eval');
  const globals = () => program.opts<GlobalOptions>();
  const color = () => shouldColor(globals().color, io);

  program
    .description('Go/no-go reports on partnerships and partner-brought deals, from YAML partner profiles.')
    .version(TOOL.version, '-V, --version')
    .option('--no-color', 'no colour in the output (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout(text), writeErr: (text) => void io.stderr(text) });

  /** Options common to reporting commands, with the config's defaults and the environment's say. */
  const reporting = (options: ReportOptions): ReportingOptions => ({
    rubric: options.rubric ?? getConfig()?.rubric ?? 'default',
    format: options.format,
    failOn: failOnOf(options.failOn, getConfig()),
    ...(options.output ? { output: options.output } : {}),
    verbose: options.verbose ?? false,
    quiet: options.quiet ?? false,
    color: color(),
    today: resolveToday(options.today),
    ...(io.columns ? { width: io.columns } : {}),
    ...(io.env.GITHUB_STEP_SUMMARY ? { stepSummary: io.env.GITHUB_STEP_SUMMARY } : {}),
  });

  const reportingOptions = (command: Command) =>
    command
      .option('--rubric <name|path>', 'built-in rubric name or rubric file (default: config, else "default")')
      .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
      .addOption(new Option('--fail-on <level>', 'exit 1 when a verdict reaches this level (default: config, else no-go)').choices([...FAIL_ON]))
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .option('--verbose', 'show every rule outcome, passed and not applicable too')
      .option('--quiet', 'show only findings: no questions or green signals')
      .option('--today <YYYY-MM-DD>', 'assess as of this date (waiver expiry, days since review)');

  reportingOptions(
    program
      .command('assess')
      .description('go/no-go report for the partners and opportunities in the files')
      .argument('<file...>', 'partner profiles or opportunity files (YAML)')
      .option('--opportunity <file>', 'add a standalone deal for the partner in the first file (repeatable)', collect)
      .option('--interactive', 'on a terminal: ask the open questions (blockers first), write the answers into the file, report again'),
  )
    .addHelpText('after', '\nExamples:\n  $ partner-eval assess examples/acme.yaml\n  $ partner-eval assess examples/acme.yaml --format json --fail-on conditional\n  $ partner-eval assess profiles/acme.yaml --opportunity deals/uci-cluster.yaml')
    .action(async (files: string[], options: ReportOptions) => {
      if (options.interactive) {
        if (files.length !== 1) throw new UsageError('--interactive: expected one profile file', 'partner-eval assess --interactive profiles/acme.yaml');
        // Questions need someone to answer them: in CI or a pipe, say so instead of waiting.
        if (!io.isStdinTTY || !io.isTTY) throw new UsageError('--interactive needs a terminal to ask its questions, and this is not one', 'run it in a terminal, or answer by editing the file and run `partner-eval assess` without --interactive');
        const [{ assessInteractive }, { inquirerAsker }] = await Promise.all([import('./commands/assess-interactive.js'), import('./questionnaire/asker.js')]);
        const asker = inquirerAsker();
        try {
          setExitCode(await assessInteractive({ file: files[0]!, ...reporting(options) }, asker, { stdout: say }));
        } finally {
          asker.close();
        }
        return;
      }
      const { assess } = await import('./commands/assess.js');
      setExitCode(
        await assess(
          {
            files,
            opportunity: options.opportunity ?? [],
            ...reporting(options),
          },
          io.stdout,
        ),
      );
    });

  reportingOptions(
    program
      .command('check')
      .description('the CI command: every profile under the paths, validated and assessed, in one report')
      .argument('[path...]', 'files or folders (default: `profiles` of .partner-eval.yaml, else .)')
      .option('--changed-since <git-rev>', 'only profiles changed since the revision (and deals whose partner changed), judged before and after'),
  )
    .addHelpText('after', '\nExamples:\n  $ partner-eval check\n  $ partner-eval check --changed-since origin/main --format github\n  $ partner-eval check profiles/ --fail-on conditional\n  $ partner-eval check --format json --output report.json')
    .action(async (paths: string[], options: ReportOptions) => {
      const { check } = await import('./commands/check.js');
      const config = getConfig();
      setExitCode(
        await check(
          {
            paths,
            ...reporting(options),
            ...(config ? { config } : {}),
            ...(options.changedSince ? { changedSince: options.changedSince } : {}),
            showProgress: io.isStderrTTY === true && !io.env.CI,
            // Internal: lets tests run the worker threads on a handful of files.
            ...(io.env.PARTNER_EVAL_WORKERS ? { workers: Number(io.env.PARTNER_EVAL_WORKERS) } : {}),
          },
          io.stdout,
        ),
      );
    });

  program
    .command('interview')
    .description('build a profile (or a deal) by answering questions, or walk through an existing one')
    .argument('[file]', 'the profile to walk through, or to create (default: <name>.yaml in the profiles folder)')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file, for the verdict shown before writing')
    .option('--today <YYYY-MM-DD>', 'as of this date')
    .addHelpText('after', '\nExamples:\n  $ partner-eval interview\n  $ partner-eval interview profiles/acme.yaml')
    .action(async (file: string | undefined, options: { rubric?: string; today?: string }) => {
      if (!io.isStdinTTY || !io.isTTY) throw new UsageError('interview needs a terminal to ask its questions, and this is not one', 'run it in a terminal, or write the profile by hand (docs/format.md)');
      const [{ interview }, { inquirerAsker }] = await Promise.all([import('./commands/interview.js'), import('./questionnaire/asker.js')]);
      const asker = inquirerAsker();
      const config = getConfig();
      try {
        setExitCode(await interview({ ...(file ? { file } : {}), rubric: options.rubric ?? config?.rubric ?? 'default', today: resolveToday(options.today), ...(config?.profiles?.[0] ? { profilesDir: config.profiles[0] } : {}) }, asker, { stdout: say }));
      } finally {
        asker.close();
      }
    });

  program
    .command('explain')
    .description('what a rule checks, why, its severity, the fields it reads and its mitigation')
    .argument('<rule-id>', 'a rule id, as `partner-eval rules` lists them')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExample:\n  $ partner-eval explain try-and-buy-leverage')
    .action(async (ruleId: string, options: { rubric?: string; format: 'text' | 'json' }) => {
      const { explain } = await import('./commands/explain.js');
      setExitCode(explain({ ruleId, rubric: options.rubric ?? getConfig()?.rubric ?? 'default', format: options.format, color: color() }, say));
    });

  program
    .command('rules')
    .description('the rules of the rubric in use, with severity and whether enabled')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', '\nExample:\n  $ partner-eval rules --format json')
    .action(async (options: { rubric?: string; format: 'table' | 'json' }) => {
      const { rules } = await import('./commands/rules.js');
      setExitCode(rules({ rubric: options.rubric ?? getConfig()?.rubric ?? 'default', format: options.format, color: color() }, say));
    });

  const rubricCommand = program.command('rubric').description('work on rubrics: lint one, run its tests');
  rubricCommand
    .command('test')
    .description('run rubric test cases: profiles and the outcomes a rubric must give them')
    .argument('[dir]', 'a folder (or file) of test cases', 'rubrics/tests')
    .option('--rubric <name|path>', 'the rubric under test (default: each test file\'s `rubric:`, else default)')
    .option('--today <YYYY-MM-DD>', 'as of this date (a test file\'s `today:` wins)')
    .addHelpText('after', '\nExample:\n  $ partner-eval rubric test rubrics/tests')
    .action(async (dir: string, options: { rubric?: string; today?: string }) => {
      const { rubricTest } = await import('./commands/rubric-test.js');
      setExitCode(rubricTest({ dir, ...(options.rubric ? { rubric: options.rubric } : {}), today: resolveToday(options.today) }, say));
    });
  rubricCommand
    .command('lint')
    .description('check a rubric: schema, CEL syntax and types, duplicate ids, unknown keys, templates')
    .argument('<file>', 'a rubric file (or a built-in name)')
    .addHelpText('after', '\nExample:\n  $ partner-eval rubric lint rubrics/ours.yaml')
    .action(async (file: string) => {
      const { rubricLint } = await import('./commands/rubric-lint.js');
      setExitCode(rubricLint({ file }, say));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the profile format (for editors: yaml-language-server $schema)')
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ partner-eval schema --output schema/partner-eval.schema.json\n  then, first line of a profile: # yaml-language-server: $schema=../schema/partner-eval.schema.json')
    .action(async (options: { output?: string }) => {
      const { schema } = await import('./commands/schema.js');
      setExitCode(schema(options, say));
    });

  program
    .command('portfolio')
    .description('every partner in one ranked table: verdict, score, skin ratio, capital at risk, open flags, last review')
    .argument('[path...]', 'files or folders (default: `profiles` of .partner-eval.yaml, else .)')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .option('--today <YYYY-MM-DD>', 'as of this date')
    .addHelpText('after', '\nExample:\n  $ partner-eval portfolio profiles/ --format markdown')
    .action(async (paths: string[], options: { rubric?: string; format: string; output?: string; today?: string }) => {
      const { portfolio } = await import('./commands/portfolio.js');
      const config = getConfig();
      setExitCode(await portfolio({ paths, rubric: options.rubric ?? config?.rubric ?? 'default', format: options.format, ...(options.output ? { output: options.output } : {}), today: resolveToday(options.today), color: color(), ...(config ? { config } : {}) }, io.stdout));
    });

  program
    .command('backtest')
    .description('how well each rule and the verdict foretold how past partnerships turned out (profiles with outcome.result)')
    .argument('[path...]', 'files or folders (default: `profiles` of .partner-eval.yaml, else .)')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --output <file>', 'write it to a file instead of stdout')
    .option('--today <YYYY-MM-DD>', 'as of this date')
    .addHelpText('after', '\nExamples:\n  $ partner-eval backtest examples/history\n  $ partner-eval backtest profiles/ --rubric ./rubrics/ours.yaml --format markdown')
    .action(async (paths: string[], options: { rubric?: string; format: 'table' | 'json' | 'markdown'; output?: string; today?: string }) => {
      const { backtest } = await import('./commands/backtest.js');
      const config = getConfig();
      setExitCode(await backtest({ paths, rubric: options.rubric ?? config?.rubric ?? 'default', format: options.format, ...(options.output ? { output: options.output } : {}), today: resolveToday(options.today), color: color(), ...(config ? { config } : {}) }, io.stdout, (text) => void io.stderr(text)));
    });

  program
    .command('init')
    .description('scaffold a profile repository: profiles/, an example, .partner-eval.yaml, the schema, a CI workflow')
    .argument('[dir]', 'where (default: the working folder)', '.')
    .addHelpText('after', '\nExample:\n  $ partner-eval init partners-repo')
    .action(async (dir: string) => {
      const { init } = await import('./commands/init.js');
      setExitCode(init({ dir }, say));
    });

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
