import { readFileSync } from 'node:fs';
import { DataError, InputError, VERSION } from '../core/index.ts';
import {
  DRIFT_USAGE,
  EXPORT_USAGE,
  GENERATE_USAGE,
  INIT_USAGE,
  INSPECT_USAGE,
  LIST_USAGE,
  LIVE_USAGE,
  REPLAY_USAGE,
  REPORT_USAGE,
  RUN_USAGE,
  SCHEMA_USAGE,
  SERVE_USAGE,
  SWEEP_USAGE,
  USAGE,
  VALIDATE_USAGE,
  WORKER_USAGE,
} from './usage.ts';

/** One command: its usage text, and its module's entry point (loaded on demand). */
interface Command {
  readonly usage: string;
  readonly main: () => Promise<(args: string[]) => Promise<number>>;
}

// Command modules load on demand, so `--help` and light commands start fast (the engine,
// DuckDB and TensorFlow.js load only for the commands that use them).
const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['run', { usage: RUN_USAGE, main: async () => (await import('./run-command.ts')).runMain }],
  [
    'generate',
    {
      usage: GENERATE_USAGE,
      main: async () => {
        const { runGenerateCommand } = await import('./generate-command.ts');
        return async (args) => {
          await runGenerateCommand(args);
          return 0;
        };
      },
    },
  ],
  [
    'report',
    { usage: REPORT_USAGE, main: async () => (await import('./report-command.ts')).reportCli },
  ],
  [
    'inspect',
    { usage: INSPECT_USAGE, main: async () => (await import('./inspect-command.ts')).inspectCli },
  ],
  ['list', { usage: LIST_USAGE, main: async () => (await import('./list-command.ts')).listCli }],
  [
    'export',
    { usage: EXPORT_USAGE, main: async () => (await import('./export-command.ts')).exportMain },
  ],
  [
    'validate',
    {
      usage: VALIDATE_USAGE,
      main: async () => (await import('./validate-command.ts')).validateMain,
    },
  ],
  ['init', { usage: INIT_USAGE, main: async () => (await import('./init-command.ts')).initMain }],
  [
    'schema',
    { usage: SCHEMA_USAGE, main: async () => (await import('./schema-command.ts')).schemaMain },
  ],
  [
    'drift',
    {
      usage: DRIFT_USAGE,
      main: async () => {
        const { driftCli } = await import('./drift-command.ts');
        return async (args) => {
          console.log(driftCli(args, () => readFileSync(0, 'utf8')));
          return 0;
        };
      },
    },
  ],
  ['live', { usage: LIVE_USAGE, main: async () => (await import('./live-command.ts')).liveMain }],
  [
    'serve',
    { usage: SERVE_USAGE, main: async () => (await import('./serve-command.ts')).serveMain },
  ],
  [
    'replay',
    { usage: REPLAY_USAGE, main: async () => (await import('./replay-command.ts')).replayMain },
  ],
  [
    'sweep',
    { usage: SWEEP_USAGE, main: async () => (await import('./sweep-command.ts')).sweepMain },
  ],
  [
    'worker',
    { usage: WORKER_USAGE, main: async () => (await import('./worker-command.ts')).workerMain },
  ],
]);

/** The help of one command: its usage, then the exit codes. */
function helpOf(name: string, command: Command): string {
  return `Usage of livemodel ${name}:\n${command.usage}\n\nExit codes: 0 ok, 2 bad input, 1 other errors, 130 interrupted (docs/cli.md).`;
}

async function main(args: string[]): Promise<number> {
  // --verbose (a stack trace with errors) is read below for every command, not by each parser
  const argv = args.filter((a) => a !== '--verbose');
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0];
    const command = topic === undefined ? undefined : COMMANDS.get(topic);
    if (topic !== undefined && command === undefined)
      throw new InputError(`unknown command \`${topic}\`\n${USAGE}`);
    console.log(command === undefined ? USAGE : helpOf(topic as string, command));
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) throw new InputError(`unknown command \`${name}\`\n${USAGE}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(helpOf(name, command));
    return 0;
  }
  return (await command.main())(rest);
}

/** 2 for bad input (arguments, scenario, data: InputError and DataError), 1 for anything else. */
function exitCodeOf(error: unknown): number {
  return error instanceof InputError || error instanceof DataError ? 2 : 1;
}

/**
 * The `livemodel` command line in this process: runs one command and returns its exit code (0 ok,
 * 2 bad input, 1 other errors, or the code the command returned, such as 130 after Ctrl-C). An
 * error is reported on stderr as one `livemodel: …` line (with its stack trace under
 * `--verbose`), never thrown. src/cli/main.ts calls it with the process's arguments.
 *
 * @example
 * process.exitCode = await cli(['validate', 'scenarios/quickstart.yaml']);
 */
export async function cli(args: string[]): Promise<number> {
  try {
    return await main(args);
  } catch (error: unknown) {
    const verbose = args.includes('--verbose');
    console.error(`livemodel: ${error instanceof Error ? error.message : String(error)}`);
    if (verbose && error instanceof Error) console.error(error.stack);
    // node:util parseArgs rejects an unknown or malformed option with a TypeError ERR_PARSE_ARGS_*
    return error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
      ? 2
      : exitCodeOf(error);
  }
}
