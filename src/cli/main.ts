import { readFileSync } from 'node:fs';
import { AppError, InputError } from '../core/index.ts';
import { USAGE } from './usage.ts';
import { VERSION } from '../core/index.ts';

// Command modules load on demand, so `--help` and light commands start fast (the engine,
// DuckDB and TensorFlow.js load only for the commands that use them).

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (command === 'run') return (await import('./run-command.ts')).runMain(rest);
  if (command === 'generate') {
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log((await import('./generate-command.ts')).GENERATE_USAGE);
      return 0;
    }
    await (await import('./generate-command.ts')).runGenerateCommand(rest);
    return 0;
  }
  if (command === 'live') return (await import('./live-command.ts')).liveMain(rest);
  if (command === 'serve') return (await import('./serve-command.ts')).serveMain(rest);
  if (command === 'sweep') return (await import('./sweep-command.ts')).sweepMain(rest);
  if (command === 'worker') return (await import('./worker-command.ts')).workerMain(rest);
  if (command === 'report') return (await import('./report-cli.ts')).reportCli(rest);
  if (command === 'inspect') return (await import('./inspect-cli.ts')).inspectCli(rest);
  if (command === 'list') return (await import('./list-cli.ts')).listCli(rest);
  if (command === 'export') return (await import('./export-command.ts')).exportMain(rest);
  if (command === 'schema') {
    console.log((await import('./scenario-cli.ts')).schemaCli());
    return 0;
  }
  if (command === 'validate') {
    console.log(await (await import('./scenario-cli.ts')).validateCli(rest));
    return 0;
  }
  if (command === 'init') {
    console.log((await import('./scenario-cli.ts')).initCli(rest[0]));
    return 0;
  }
  if (command === 'drift') {
    console.log((await import('./drift-cli.ts')).driftCli(rest, () => readFileSync(0, 'utf8')));
    return 0;
  }
  throw new InputError(`unknown command \`${command}\`\n${USAGE}`);
}

function exitCodeOf(error: unknown): number {
  return error instanceof InputError ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const verbose = process.argv.includes('--verbose');
    if (
      error instanceof AppError ||
      (error instanceof Error &&
        error.name === 'TypeError' &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`livemodel: ${error.message}`);
    } else {
      console.error(`livemodel: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (verbose && error instanceof Error) console.error(error.stack);
    process.exitCode =
      error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
        ? 2
        : exitCodeOf(error);
  },
);
